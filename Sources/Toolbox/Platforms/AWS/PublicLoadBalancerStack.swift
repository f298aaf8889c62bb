import ToolboxAWS
import ToolboxCore

/// The public ALB `<project>-public` in the public subnets, its listener on port 80, and the
/// clients' target group (health check on the client's health path) behind it.
struct PublicLoadBalancerStack: InfraStack {
    let context: AWSContext
    let client: ServiceSpec

    private var elb: ELBv2 { context.aws.elb }
    private var names: AWSNames { context.names }
    private var balancers: LoadBalancers { LoadBalancers(context: context) }

    func ensure(_ changes: InfraChanges, _ build: inout InfraBuild) async throws {
        let network = try InfraBuild.required(build.network, "the network")
        let loadBalancer = try await balancers.ensure(
            changes,
            "load balancer \(names.loadBalancer)",
            name: names.loadBalancer,
            subnets: network.publicSubnets,
            securityGroup: network.loadBalancerSecurityGroup,
            scheme: "internet-facing"
        ) {
            try await find()?.LoadBalancerArn
        }
        let targetGroup = try await changes.ensure(
            "target group \(names.clientTargetGroup) (HTTP \(client.port), health check \(client.healthPath ?? "/"))",
            after: [network.vpc]
        ) {
            try await clientTargetGroup()?.TargetGroupArn
        } create: {
            try await elb.createTargetGroup(
                .init(
                    name: names.clientTargetGroup,
                    protocol: "HTTP",
                    port: client.port,
                    vpcId: network.vpc,
                    healthCheckProtocol: "HTTP",
                    healthCheckPath: client.healthPath,
                    timing: .rollout,
                    matcher: .init(httpCode: "200"),
                    tags: names.elbTags
                )
            ).TargetGroupArn
        }
        try await changes.converge(
            "listener HTTP 80 on \(names.loadBalancer) forwarding to \(names.clientTargetGroup)",
            after: [loadBalancer, targetGroup]
        ) {
            try await elb.describeListeners(loadBalancerArn: loadBalancer).contains { $0.Port == 80 }
        } apply: {
            _ = try await elb.createListener(
                loadBalancerArn: loadBalancer,
                protocol: "HTTP",
                port: 80,
                defaultActions: [.init(type: "forward", targetGroupArn: targetGroup)],
                tags: names.elbTags
            )
        }
        build.clientTargetGroup = targetGroup
    }

    /// The public load balancer (its DNS name is the project's public endpoint).
    func find() async throws -> ELBv2.LoadBalancer? {
        try await balancers.find(names.loadBalancer)
    }

    func destroy(_ changes: InfraChanges) async throws {
        let what = "load balancer \(names.loadBalancer) and its listeners"
        try await balancers.remove(changes, what, name: names.loadBalancer, wait: true)
        if let group = try await clientTargetGroup() {
            try await changes.remove("target group \(names.clientTargetGroup)", exists: true) {
                _ = try await ignoringNotFound { try await elb.deleteTargetGroup(arn: group.TargetGroupArn) }
            }
        }
    }

    private func clientTargetGroup() async throws -> ELBv2.TargetGroup? {
        try await ignoringNotFound { try await elb.describeTargetGroups(names: [names.clientTargetGroup]) }?.first
    }
}
