import ToolboxAWS
import ToolboxCore

extension ALBRouter {
    /// The test route's rule comes before the listener's default action (the weighted forward).
    static let testRulePriority = 10

    /// A listener rule: calls carrying `header` go to the revision's target group alone.
    func addTestRoute(_ tag: String, header: String) async throws {
        try await removeTestRoute(header: header)
        guard let listener = try await listener() else {
            throw ToolboxError.refused("the internal load balancer has no HTTPS listener; run make build-infra")
        }
        let name = names.serverTargetGroup(tag)
        guard let group = try await targetGroup(named: name) else {
            throw ToolboxError("revision \(tag) has no target group \(name); run make update again")
        }
        _ = try await aws.elb.createRule(
            listenerArn: listener.ListenerArn, priority: Self.testRulePriority, conditions: [.header(header)],
            actions: [ELBv2.Action(type: "forward", targetGroupArn: group.TargetGroupArn)])
    }

    /// Deletes every rule of the listener that matches `header`.
    func removeTestRoute(header: String) async throws {
        guard let listener = try await listener() else { return }
        for rule in try await aws.elb.describeRules(listenerArn: listener.ListenerArn)
        where rule.Conditions?.contains(where: { $0.HttpHeaderConfig?.HttpHeaderName == header }) ?? false {
            _ = try await ignoringNotFound { try await aws.elb.deleteRule(arn: rule.RuleArn) }
        }
    }
}
