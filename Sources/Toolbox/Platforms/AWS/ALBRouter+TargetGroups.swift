import ToolboxAWS
import ToolboxCore

/// A gRPC target group per revision: created before its task set (which registers the tasks'
/// addresses), staged in the listener's forward action, health read from it, deleted on retire.
extension ALBRouter {
    func addRevision(_ tag: String, _ changes: InfraChanges) async throws -> RevisionRouting {
        let name = names.serverTargetGroup(tag)
        let elb = aws.elb
        guard let balancer = try await loadBalancer(), let vpc = balancer.VpcId else {
            guard changes.dryRun else {
                throw ToolboxError.refused("the internal load balancer \(names.routerLoadBalancer) is missing; run make build-infra")
            }
            changes.record(.create("target group \(name)"))
            return RevisionRouting()
        }
        let group = try await changes.ensure(
            "target group \(name) (gRPC, ip targets on \(server.port), health check /grpc.health.v1.Health/Check code 0)"
        ) {
            try await targetGroup(named: name)?.TargetGroupArn
        } create: {
            // Only OK counts as healthy: the default matcher (0-99) would count UNIMPLEMENTED too.
            try await elb.createTargetGroup(
                .grpc(
                    name: name,
                    port: server.port,
                    vpcId: vpc,
                    tags: names.elbTags + [
                        .init(key: AWSNames.roleTagKey, value: "server"),
                        .init(key: AWSNames.revisionTagKey, value: tag),
                    ]
                )
            ).TargetGroupArn
        }
        let delay = ELBv2.Attribute.deregistrationDelay(seconds: deregistrationDelay)
        try await changes.converge("deregistration delay of \(name) to \(deregistrationDelay)s", after: [group]) {
            try await elb.describeTargetGroupAttributes(arn: group).contains(delay)
        } apply: {
            _ = try await elb.modifyTargetGroupAttributes(arn: group, attributes: [delay])
        }
        // ECS registers a task set's tasks only with a target group a load balancer uses.
        try await changes.converge("target group \(name) in the listener's forward action", after: [group]) {
            try await forwardWeights()?[group] != nil
        } apply: {
            try await stage(group)
        }
        var routing = RevisionRouting()
        routing.loadBalancers = [.init(targetGroupArn: group, containerName: server.name, containerPort: server.port)]
        if let targets = try await securityGroups.find(names.serverTargetSecurityGroup) {
            routing.securityGroups = [targets]
        }
        return routing
    }

    /// Joins the forward action at weight 0; the first revision takes all traffic at once (there
    /// was none to take from: the listener answered 503 by itself).
    private func stage(_ group: String) async throws {
        guard let listener = try await listener() else {
            throw ToolboxError.refused("the internal load balancer has no HTTPS listener; run make build-infra")
        }
        var weights = forwardTargets(of: listener) ?? []
        weights.append((group, weights.isEmpty ? 100 : 0))
        _ = try await aws.elb.modifyListener(
            listenerArn: listener.ListenerArn,
            defaultActions: [.weightedForward(weights)]
        )
    }

    func removeRevision(_ tag: String) async throws {
        guard let group = try await targetGroup(named: names.serverTargetGroup(tag)) else { return }
        _ = try await ignoringNotFound { try await aws.elb.deleteTargetGroup(arn: group.TargetGroupArn) }
    }

    /// Each target of each revision's group in the forward action (staged ones included), by
    /// address, ELB's state upper-cased (HEALTHY, INITIAL, DRAINING, UNHEALTHY...).
    func targetHealth() async throws -> [TargetHealth] {
        guard let listener = try await listener(), let targets = forwardTargets(of: listener), !targets.isEmpty else {
            return []
        }
        let tags = try await aws.elb.describeTags(resourceArns: targets.map(\.targetGroupArn))
        let revisions = Dictionary(
            tags.map { ($0.ResourceArn, $0.Tags?.first { $0.Key == AWSNames.revisionTagKey }?.Value) },
            uniquingKeysWith: { first, _ in first }
        )
        var health: [TargetHealth] = []
        for (group, _) in targets {
            for target in try await aws.elb.describeTargetHealth(targetGroupArn: group) {
                health.append(
                    TargetHealth(
                        taskID: target.Target.Id,
                        revision: revisions[group] ?? nil,
                        state: (target.TargetHealth?.State ?? "unknown").uppercased()
                    )
                )
            }
        }
        return health
    }
}
