import Foundation
import ToolboxAWS
import ToolboxCore

/// The supported router since App Mesh ended: an internal ALB in the private subnets with an
/// HTTPS listener (ALB speaks gRPC only behind HTTPS) whose default action forwards by weight
/// to a gRPC target group per revision. ALB balances each call, not each connection, so a
/// client's long-lived HTTP/2 connection still follows the weights. The clients call
/// `<server>.<project>.local:443`, a Cloud Map alias record to the ALB, and trust the
/// toolbox's private CA, which signed the listener's certificate.
struct ALBRouter: TrafficRouter {
    let context: AWSContext
    let server: ServiceSpec
    let client: ServiceSpec
    let certificates: RouterCertificates
    /// Seconds a target drains after it leaves its group, before ECS stops its task.
    let deregistrationDelay: Int

    var aws: AWSServices { context.aws }
    var names: AWSNames { context.names }

    var discovery: ServerDiscovery { .aliasToRouter }
    var serviceAddress: String { "\(names.virtualService):\(AWSNames.routerListenerPort)" }
    var healthSource: String { "target group" }

    /// The tag of the revision whose target group is `target` (a target group name).
    func revision(ofTarget target: String, among tags: [String]) -> String? {
        tags.first { names.serverTargetGroup($0) == target }
    }

    /// The clients call the alias name on 443, over TLS verified against the private CA (as the
    /// hyphenated name the certificate also carries), and carry the group the ALB's group admits.
    func clientRouting() async throws -> RevisionRouting {
        var routing = RevisionRouting()
        routing.environment = try await server.callerEnvironment?.values(
            address: serviceAddress, tlsServerName: certificates.verifiedName, tlsCA: try await caBundle()) ?? [:]
        if let group = try await securityGroups.find(names.clientSecurityGroup) { routing.securityGroups = [group] }
        return routing
    }

    var securityGroups: SecurityGroups { context.securityGroups }

    // MARK: Lookups

    /// Found once per command (the load balancer does not change during one).
    func loadBalancer() async throws -> ELBv2.LoadBalancer? {
        try await context.once(\.routerLoadBalancer) {
            try await LoadBalancers(context: context).find(names.routerLoadBalancer)
        }
    }

    /// The HTTPS listener, read afresh (its actions are what a shift changes).
    func listener() async throws -> ELBv2.Listener? {
        guard let balancer = try await loadBalancer() else { return nil }
        return try await aws.elb.describeListeners(loadBalancerArn: balancer.LoadBalancerArn).first {
            $0.Port == AWSNames.routerListenerPort
        }
    }

    func targetGroup(named name: String) async throws -> ELBv2.TargetGroup? {
        try await ignoringNotFound { try await aws.elb.describeTargetGroups(names: [name]) }?.first
    }

    /// A target group's name, from its ARN (`...:targetgroup/<name>/<id>`).
    static func name(ofTargetGroup arn: String) -> String {
        let parts = arn.split(separator: "/")
        return parts.count >= 3 ? String(parts[parts.count - 2]) : arn
    }
}

extension ALBRouter {
    /// Two thirds of DRAIN_TIMEOUT (5 s to 300 s): ECS stops a retired task only once its target
    /// has drained, and the retirement waits DRAIN_TIMEOUT for the task to stop.
    static func deregistrationDelay(drainTimeout: Double) -> Int {
        min(300, max(5, Int(drainTimeout * 2 / 3)))
    }
}
