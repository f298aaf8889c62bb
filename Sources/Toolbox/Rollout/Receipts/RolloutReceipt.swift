import Foundation
import ToolboxCore

/// What one rollout command did, step by step, as the router counted it: written to
/// `.toolbox/receipts/` after every step (a crash keeps what happened so far) and printed at the end.
public struct RolloutReceipt: Codable, Sendable, Equatable {
    public enum Outcome: String, Codable, Sendable {
        case completed, staged, kept, rolledBack = "rolled back", aborted, failed
    }

    /// Calls one revision answered during a step, and how many of them failed.
    public struct Calls: Codable, Sendable, Equatable {
        public var answered: UInt64
        public var failed: UInt64
    }

    /// A task whose health changed during a step, as the router saw it.
    public struct HealthChange: Codable, Sendable, Equatable {
        public var time: Date
        public var task: String
        public var from: String
        public var to: String
    }

    public struct Step: Codable, Sendable, Equatable {
        /// The share of traffic the route gave the new revision, in percent.
        public var requestedWeight: Int
        public var startedAt: Date
        public var seconds: Double
        /// Calls per revision tag over the step; nil where the router keeps no per-revision counts.
        public var calls: [String: Calls]?
        /// The share of the step's calls the new revision answered, in percent.
        public var observedShare: Double?
        /// Set when the observed share strays from the requested weight by more than the tolerance.
        public var shareWarning: String?
        public var healthChanges: [HealthChange] = []
    }

    /// update, shift, promote, rollback, abort or retire.
    public var command: String
    /// The revision the command moved traffic to (the new one), and the one it came from.
    public var revision: String
    public var previous: String?
    public var startedAt: Date
    public var finishedAt: Date?
    public var steps: [Step] = []
    public var outcome: Outcome?
    public var reason: String?

    public var seconds: Double? { finishedAt.map { $0.timeIntervalSince(startedAt) } }
}
