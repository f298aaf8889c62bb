/// The listener actions and target group attributes the toolbox builds (the shapes are generated
/// from the ELBv2 model: Generated/ELBv2Shapes.swift).
extension ELBv2.Action {
    /// An answer from the load balancer itself (no target group behind it).
    public static func fixedResponse(status: Int, message: String) -> ELBv2.Action {
        var action = ELBv2.Action(type: "fixed-response")
        action.FixedResponseConfig = .init(statusCode: String(status), messageBody: message)
        return action
    }

    /// Forward to several target groups by weight (weights are relative, 0...999 each).
    public static func weightedForward(_ weights: [(targetGroupArn: String, weight: Int)]) -> ELBv2.Action {
        let groups = weights.map { ELBv2.TargetGroupTuple(targetGroupArn: $0.targetGroupArn, weight: $0.weight) }
        return ELBv2.Action(type: "forward", forwardConfig: ELBv2.ForwardActionConfig(targetGroups: groups))
    }
}

extension ELBv2.Attribute {
    /// How long a deregistered target keeps its connections draining.
    public static func deregistrationDelay(seconds: Int) -> ELBv2.Attribute {
        ELBv2.Attribute(key: "deregistration_delay.timeout_seconds", value: String(seconds))
    }
}
