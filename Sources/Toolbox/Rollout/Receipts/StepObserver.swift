import Foundation
import ToolboxCore

/// Watches one step of a rollout for its receipt: the health changes of the tasks involved, and
/// the calls each revision answered between the step's start and its end.
struct StepObserver {
    let requestedWeight: Int
    let newRevision: String
    let startedAt = Date()
    let began = ContinuousClock.now
    let baseline: [String: RequestCounts]?
    /// Each task's last state, with the router's words for it when it changed.
    private var lastHealth: [String: (state: String, words: String)] = [:]
    private(set) var healthChanges: [RolloutReceipt.HealthChange] = []

    init(requestedWeight: Int, newRevision: String, baseline: [String: RequestCounts]?, health: [String: TaskHealth], tasks: Set<String>) {
        self.requestedWeight = requestedWeight
        self.newRevision = newRevision
        self.baseline = baseline
        lastHealth = health.filter { tasks.contains($0.key) }.mapValues(Self.state)
    }

    /// up, down or draining: a check in progress ("UP (* L7OK)") is no change.
    static func state(_ health: TaskHealth?) -> (state: String, words: String) {
        guard let health else { return ("gone", "gone") }
        return ("\(health.state)", health.description)
    }

    /// Notes every task of `tasks` whose health differs from the last look.
    mutating func look(at health: [String: TaskHealth], tasks: Set<String>) {
        for task in tasks.sorted() {
            let now = Self.state(health[task])
            if let before = lastHealth[task], before.state != now.state {
                healthChanges.append(.init(time: Date(), task: task, from: before.words, to: now.words))
            }
            lastHealth[task] = now
        }
    }

    /// The step as the receipt keeps it, from the counts at its end.
    func step(endCounts: [String: RequestCounts]?) -> RolloutReceipt.Step {
        let calls = Self.calls(from: baseline, to: endCounts)
        var step = RolloutReceipt.Step(
            requestedWeight: requestedWeight, startedAt: startedAt,
            seconds: (ContinuousClock.now - began).seconds,
            calls: calls, healthChanges: healthChanges)
        if let calls {
            let total = calls.values.reduce(0) { $0 + $1.answered }
            if total > 0 { step.observedShare = Double(calls[newRevision]?.answered ?? 0) * 100 / Double(total) }
        }
        return step
    }

    /// Each revision's calls between two readings of the router's cumulative counters.
    static func calls(from start: [String: RequestCounts]?, to end: [String: RequestCounts]?) -> [String: RolloutReceipt.Calls]? {
        guard let end else { return nil }
        var calls: [String: RolloutReceipt.Calls] = [:]
        for (tag, now) in end {
            let before = start?[tag] ?? RequestCounts(answered: 0, failed: 0)
            // Counters restart from zero when the router restarts; a drop means a new count.
            let restarted = now.answered < before.answered || now.failed < before.failed
            calls[tag] = restarted
                ? .init(answered: now.answered, failed: now.failed)
                : .init(answered: now.answered - before.answered, failed: now.failed - before.failed)
        }
        return calls
    }
}
