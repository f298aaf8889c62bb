import Foundation
import ToolboxCore

/// A gate the new revision failed; the rollout rolls back and reports `reason`.
struct GateFailure: Error {
    var reason: String
}

/// The checks every step of a rollout must pass: the new revision's tasks healthy as the router
/// sees them, and its error rate over the bake under ERROR_RATE once MIN_REQUESTS calls were seen.
struct RolloutGate: Sendable {
    let platform: any Platform
    let settings: ToolboxSettings
    /// ALARMS, watched during every bake; nil when none are set.
    var alarms: AlarmGate?

    init(platform: any Platform, settings: ToolboxSettings, alarms: AlarmGate? = nil) {
        (self.platform, self.settings, self.alarms) = (platform, settings, alarms)
    }

    /// Fails unless the revision's tasks are healthy (all of them, or one with ON_TASK_LOSS=continue);
    /// returns the tasks lost that the policy lets the rollout carry on without.
    @discardableResult
    func checkHealth(of revision: Revision) async throws -> [String] {
        let health = try await platform.taskHealth()
        let sick = revision.tasks.filter { !(health[$0.name]?.isUp ?? false) }
        let described = sick.map { "\($0.name) is \(health[$0.name]?.description ?? "gone")" }
        guard !sick.isEmpty else { return [] }
        if settings.onTaskLoss == .continue, sick.count < revision.tasks.count { return described }
        throw GateFailure(reason: "\(revision.tag) lost a task: \(described.joined(separator: ", "))")
    }

    /// Watches the revision for `seconds` at `percent`: health all along, and the error rate of
    /// the calls it answered since the bake began, judged as soon as enough calls were seen; at
    /// the end, the share of calls it answered against the weight it was given. The step goes to
    /// the receipt whether it passed or not.
    func bake(_ revision: Revision, previous: Revision?, seconds: Double, percent: Int, receipt: ReceiptRecorder?) async throws {
        let tasks = Set((revision.tasks + (previous?.tasks ?? [])).map(\.name))
        let baseline = try await platform.requestCounts()
        var observer = StepObserver(
            requestedWeight: percent, newRevision: revision.tag, baseline: baseline,
            health: try await platform.taskHealth(), tasks: tasks)
        if seconds > 0 { Console.say("Baking \(formatSeconds(seconds)) at \(percent)%...") }
        var step: RolloutReceipt.Step
        do {
            try await watch(revision, seconds: seconds, percent: percent, baseline: baseline, tasks: tasks, observer: &observer)
            step = observer.step(endCounts: try await platform.requestCounts())
        } catch let failure as GateFailure {
            try receipt?.record(observer.step(endCounts: try? await platform.requestCounts()))
            throw failure
        }
        step.shareWarning = shareWarning(step)
        try receipt?.record(step)
        if let warning = step.shareWarning {
            Console.say(warning)
            if settings.strictShare { throw GateFailure(reason: "\(warning) (STRICT_SHARE=1)") }
        }
    }

    /// The bake's loop: health and error rate every poll until the deadline.
    private func watch(
        _ revision: Revision, seconds: Double, percent: Int, baseline: [String: RequestCounts]?, tasks: Set<String>,
        observer: inout StepObserver
    ) async throws {
        let deadline = ContinuousClock.now + .milliseconds(Int64(seconds * 1000))
        var lossReported = Set<String>()
        var alarmsAsked: ContinuousClock.Instant?
        while true {
            if let alarms, alarmsAsked.map({ ContinuousClock.now - $0 >= AlarmGate.pollInterval }) ?? true {
                alarmsAsked = ContinuousClock.now
                try await alarms.check()
            }
            observer.look(at: try await platform.taskHealth(), tasks: tasks)
            for lost in try await checkHealth(of: revision) where lossReported.insert(String(lost.prefix { $0 != " " })).inserted {
                Console.say("Task \(lost); carrying on with the healthy ones (ON_TASK_LOSS=continue)")
            }
            let window = try await callsSince(baseline, revision: revision)
            if let window, window.answered >= UInt64(settings.minimumCalls), rate(window) > settings.maximumErrorRate {
                throw GateFailure(reason: "\(revision.tag) failed \(window.failed) of \(window.answered) calls (\(format(rate(window)))%) at \(percent)%, above ERROR_RATE=\(format(settings.maximumErrorRate))%")
            }
            guard ContinuousClock.now < deadline else {
                sayVerdict(window, revision: revision)
                return
            }
            // A lost task is noticed within the platform's poll interval.
            try await Task.sleep(for: min(platform.gatePollInterval, deadline - ContinuousClock.now))
        }
    }

    /// Past SHARE_TOLERANCE points from the weight, once MIN_REQUESTS calls were seen.
    func shareWarning(_ step: RolloutReceipt.Step) -> String? {
        guard let share = step.observedShare, let calls = step.calls,
            calls.values.reduce(0, { $0 + $1.answered }) >= UInt64(settings.minimumCalls),
            abs(share - Double(step.requestedWeight)) > settings.shareTolerance
        else { return nil }
        return "the new revision answered \(format(share))% of the calls at a weight of \(step.requestedWeight)%, more than SHARE_TOLERANCE=\(format(settings.shareTolerance)) points off"
    }

    private func callsSince(_ baseline: [String: RequestCounts]?, revision: Revision) async throws -> RequestCounts? {
        guard let baseline, let now = try await platform.requestCounts()?[revision.tag] else { return nil }
        let before = baseline[revision.tag] ?? RequestCounts(answered: 0, failed: 0)
        // Counters restart from zero when the router restarts; a drop means a new count.
        guard now.answered >= before.answered, now.failed >= before.failed else { return now }
        return RequestCounts(answered: now.answered - before.answered, failed: now.failed - before.failed)
    }

    private func sayVerdict(_ window: RequestCounts?, revision: Revision) {
        guard let window else {
            Console.say("The router exposes no call counts here: \(revision.tag) was judged on its tasks' health alone")
            return
        }
        guard window.answered >= UInt64(settings.minimumCalls) else {
            Console.say("\(revision.tag) answered \(window.answered) call(s), fewer than MIN_REQUESTS=\(settings.minimumCalls): error rate not judged, health checked")
            return
        }
        Console.say("\(revision.tag) answered \(window.answered) calls, \(window.failed) failed (\(format(rate(window)))%, ERROR_RATE=\(format(settings.maximumErrorRate))%)")
    }

    private func rate(_ counts: RequestCounts) -> Double {
        counts.answered == 0 ? 0 : Double(counts.failed) * 100 / Double(counts.answered)
    }

    func format(_ percent: Double) -> String {
        String(format: "%.2f", percent).replacingOccurrences(of: #"\.?0+$"#, with: "", options: .regularExpression)
    }

    private func formatSeconds(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? "\(Int(seconds)) s" : String(format: "%.1f s", seconds)
    }
}
