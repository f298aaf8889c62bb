
/// A task's health as its router sees it: typed for the rollout's gates, with the router's own
/// words kept for people (`make status` prints them as they were: "UP (L7OK)", "DOWN (RUNNING,
/// UNHEALTHY in Cloud Map)").
public struct TaskHealth: Sendable, Equatable, CustomStringConvertible {
    public enum State: Sendable, Equatable {
        /// Takes calls: the gates count it healthy.
        case up
        /// Failing its checks, stopped, or unknown to the router.
        case down
        /// Taken out of rotation on purpose (HAProxy's DRAIN, NOLB or MAINT; ELB's draining).
        case draining
    }

    public var state: State
    /// What the router said, as it said it.
    public var description: String

    public var isUp: Bool { state == .up }

    public init(_ state: State, _ description: String) {
        self.state = state
        self.description = description
    }

    /// HAProxy's status column ("UP", "UP 1/3" while going down, "DOWN", "DRAIN", "NOLB",
    /// "MAINT", "no check") and the last check's result.
    public static func haproxy(status: String, check: String) -> TaskHealth {
        let text = check.isEmpty ? status : "\(status) (\(check))"
        if status.hasPrefix("UP") { return TaskHealth(.up, text) }
        if ["DRAIN", "NOLB", "MAINT"].contains(where: status.hasPrefix) { return TaskHealth(.draining, text) }
        return TaskHealth(.down, text)
    }
}
