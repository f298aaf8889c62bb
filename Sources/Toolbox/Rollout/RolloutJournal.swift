import Foundation
import ToolboxCore

/// The rollout's own record, written before and after each step it takes, so a rollout cut
/// short by Ctrl-C, `kill -9` or a crash is finished by the next `make update` or undone by
/// `make rollback`. It exists only while a rollout is unfinished.
public struct RolloutJournal: Codable, Sendable, Equatable {
    public enum Phase: String, Codable, Sendable {
        /// The new revision's tasks are starting or being checked; no traffic has moved.
        case starting
        /// Traffic is moving: `step` is the index in `steps` being applied or baked.
        case shifting
        /// All traffic is on the new revision; the previous one is being retired.
        case retiring
        /// A gate failed or a rollback was asked for: traffic goes back, the new revision stops.
        case rollingBack
    }

    /// The revision serving before the rollout (tag and version).
    public var previousTag: String
    public var previousVersion: String
    /// What is being rolled out, enough to start it again.
    public var next: RevisionSource
    public var steps: [Int]
    public var step: Int
    public var phase: Phase
    /// Why the rollout is being rolled back, in rollingBack.
    public var reason: String?
    public var startedAt: Date
    public var updatedAt: Date
    /// The process writing the journal, for the status of a rollout in progress.
    public var writerPID: Int32

    init(previous: Revision, next: RevisionSource, steps: [Int]) {
        previousTag = previous.tag
        previousVersion = previous.version
        self.next = next
        self.steps = steps
        step = 0
        phase = .starting
        startedAt = Date()
        updatedAt = startedAt
        writerPID = getpid()
    }

    /// Where the rollout stands, in words.
    public var position: String {
        switch phase {
        case .starting:
            return "starting \(next.tag)'s tasks, before any traffic moved"
        case .shifting:
            return "step \(step + 1) of \(steps.count) (\(stepPercentText) to \(next.tag))"
        case .retiring:
            return "all traffic on \(next.tag), retiring \(previousTag)"
        case .rollingBack:
            return "rolling back (\(reason ?? "asked for"))"
        }
    }

    /// What `make update` would do with this journal.
    public var whatUpdateDoes: String {
        switch phase {
        case .starting:
            return "starts \(next.tag)'s tasks afresh and runs the rollout from its first step"
        case .shifting:
            return "checks \(next.tag)'s health, then carries on from \(stepPercentText) (steps \(steps.map(String.init).joined(separator: ",")))"
        case .retiring:
            return "finishes retiring \(previousTag)"
        case .rollingBack:
            return "finishes the rollback to \(previousTag)"
        }
    }

    /// True when `step` names one of `steps`, each a percentage: a hand-edited journal may not.
    public var hasUsableSteps: Bool {
        steps.indices.contains(step) && steps.allSatisfy { (0...100).contains($0) }
    }

    /// The current step's share, in words that survive a journal edited by hand.
    private var stepPercentText: String {
        steps.isEmpty ? "no steps recorded" : "\(steps[max(0, min(step, steps.count - 1))])%"
    }

    /// What `make rollback` would do with this journal.
    public var whatRollbackDoes: String {
        phase == .retiring
            ? "nothing: \(previousTag) is already being retired; make update finishes the rollout"
            : "routes 100% to \(previousTag), then drains and stops \(next.tag)'s tasks"
    }
}

/// The journal's file, `.toolbox/rollout.json`, replaced atomically at every write.
public struct RolloutJournalFile: Sendable {
    let store: StateStore<RolloutJournal>

    public init(stateDirectory: URL) {
        store = StateStore(url: stateDirectory.appendingPathComponent("rollout.json"))
    }

    public func load() throws(ToolboxError) -> RolloutJournal? {
        try store.load()
    }

    func write(_ journal: RolloutJournal) throws(ToolboxError) {
        var journal = journal
        journal.updatedAt = Date()
        journal.writerPID = getpid()
        try store.save(journal)
    }

    /// The rollout is over, one way or the other (or the whole deployment was destroyed).
    public func close() throws(ToolboxError) {
        try store.remove()
    }
}
