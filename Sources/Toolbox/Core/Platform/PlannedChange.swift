/// A change a rollout command would make, for a plan (PLAN=1) to name the platform's calls.
public enum PlannedChange: Sendable, Equatable {
    /// Start a new revision of the routed service with this many tasks, at weight 0.
    case startRevision(tasks: Int)
    /// Set the routed service's weights.
    case applyRoute
    /// Drain and stop a revision's tasks and forget it.
    case retire(tasks: Int)
}
