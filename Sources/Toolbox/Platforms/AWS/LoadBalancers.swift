import ToolboxAWS
import ToolboxCore

/// An application load balancer of the project's (the public one in front of the clients, the ALB
/// router's internal one): found by name, created in the given subnets, deleted with its listeners.
struct LoadBalancers: Sendable {
    let context: AWSContext

    func find(_ name: String) async throws -> ELBv2.LoadBalancer? {
        try await ignoringNotFound { try await context.aws.elb.describeLoadBalancers(names: [name]) }?.first
    }

    /// The balancer's ARN: found by `find`, else created (`scheme` internet-facing or internal).
    func ensure(
        _ changes: InfraChanges,
        _ what: String,
        name: String,
        subnets: [String],
        securityGroup: String,
        scheme: String,
        find: () async throws -> String?
    ) async throws -> String {
        try await changes.ensure(what, after: subnets + [securityGroup]) {
            try await find()
        } create: {
            try await context.aws.elb.createLoadBalancer(
                name: name,
                subnets: subnets,
                securityGroups: [securityGroup],
                scheme: scheme,
                tags: context.names.elbTags
            ).LoadBalancerArn
        }
    }

    /// Deletes the balancer called `name` with its listeners; with `wait`, until ELB no longer lists it.
    func remove(_ changes: InfraChanges, _ what: String, name: String, wait: Bool) async throws {
        guard let balancer = try await find(name) else { return }
        let elb = context.aws.elb
        try await changes.remove(what, exists: true) {
            for listener in try await elb.describeListeners(loadBalancerArn: balancer.LoadBalancerArn) {
                _ = try await ignoringNotFound { try await elb.deleteListener(arn: listener.ListenerArn) }
            }
            _ = try await ignoringNotFound { try await elb.deleteLoadBalancer(arn: balancer.LoadBalancerArn) }
            guard wait else { return }
            try await context.poll("load balancer \(name) to be deleted", timeout: 300) {
                try await find(name) == nil ? nil : "deleting"
            }
        }
    }
}
