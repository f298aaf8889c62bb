import ToolboxAWS
import ToolboxCore

/// The route is the HTTPS listener's default action: a forward with a weight per revision's
/// target group, or a fixed 503 while no revision is routed. A shift is one ModifyListener.
extension ALBRouter {
    /// Weights by target group name; nil when the listener forwards nowhere yet.
    func targetWeights() async throws -> [String: Int]? {
        guard let weights = try await forwardWeights() else { return nil }
        return Dictionary(weights.map { (Self.name(ofTargetGroup: $0.key), $0.value) }, uniquingKeysWith: +)
    }

    /// Weights by target group ARN, as the listener holds them.
    func forwardWeights() async throws -> [String: Int]? {
        guard let listener = try await listener(), let targets = forwardTargets(of: listener) else { return nil }
        return Dictionary(targets.map { ($0.targetGroupArn, $0.weight) }, uniquingKeysWith: +)
    }

    /// The forward action's target groups in order; nil when the default action is not a forward.
    func forwardTargets(of listener: ELBv2.Listener) -> [(targetGroupArn: String, weight: Int)]? {
        guard let action = listener.DefaultActions?.first(where: { $0.Type == "forward" }) else { return nil }
        if let groups = action.ForwardConfig?.TargetGroups, !groups.isEmpty {
            return groups.map { ($0.TargetGroupArn, $0.Weight ?? 1) }
        }
        return action.TargetGroupArn.map { [($0, 100)] }
    }

    func apply(_ route: Route) async throws {
        guard let listener = try await listener() else {
            throw ToolboxError.refused("the internal load balancer has no HTTPS listener; run make build-infra")
        }
        var weights: [(targetGroupArn: String, weight: Int)] = []
        for target in route.targets {
            let name = names.serverTargetGroup(target.revision)
            guard let group = try await targetGroup(named: name) else {
                throw ToolboxError("revision \(target.revision) has no target group \(name); run make update again")
            }
            weights.append((group.TargetGroupArn, target.weight))
        }
        let action = weights.isEmpty ? Self.noRoute : ELBv2.Action.weightedForward(weights)
        _ = try await aws.elb.modifyListener(listenerArn: listener.ListenerArn, defaultActions: [action])
    }
}
