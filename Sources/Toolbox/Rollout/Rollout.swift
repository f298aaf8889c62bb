import Foundation
import ToolboxCore

/// The rollout, written once for every target against `Platform`: start the new revision, wait
/// for health, move traffic in steps gated on health and error rate, retire the old revision.
/// A failed gate rolls back by itself. Every step is written to the journal before and after it
/// acts, so an interrupted rollout is finished by `make update` or undone by `make rollback`.
public struct Rollout: Sendable {
    let platform: any Platform
    let settings: ToolboxSettings
    let journal: RolloutJournalFile
    var gate: RolloutGate
    let receipts: ReceiptStore
    let windowFile: RollbackWindowFile

    public init(platform: any Platform, settings: ToolboxSettings) {
        self.platform = platform
        self.settings = settings
        journal = RolloutJournalFile(stateDirectory: settings.stateDirectory)
        gate = RolloutGate(platform: platform, settings: settings)
        receipts = ReceiptStore(stateDirectory: settings.stateDirectory)
        windowFile = RollbackWindowFile(stateDirectory: settings.stateDirectory)
    }

    /// `make update`: the original's sequence, gated, then the old revision retired (its "WIP"
    /// step). With an interrupted rollout on record, that one is finished first.
    public func update(to source: RevisionSource) async throws {
        // ALARMS that cannot be read refuse the update before anything changes.
        var rollout = self
        rollout.gate.alarms = try AlarmGate.make(settings)
        try await rollout.updateWithGates(to: source)
    }

    private func updateWithGates(to source: RevisionSource) async throws {
        let interrupt = InterruptSignal()
        defer { interrupt.remove() }
        if let interrupted = try journal.load() {
            Console.say("Resuming the interrupted rollout of \(interrupted.next.tag) from \(interrupted.previousTag), stopped at \(interrupted.position)")
            let receipt = beginReceipt("update (resumed)", revision: interrupted.next.tag, previous: interrupted.previousTag)
            try await run(interrupted, interrupt: interrupt, resuming: true, receipt: receipt)
            if interrupted.next.tag != source.tag {
                Console.say("The working tree is now \(source.tag); run make update again to roll it out")
            }
            return
        }
        if let window = try await openWindow() {
            Console.say("A new rollout ends the rollback window: retiring \(window.previousTag)")
            try await retireKept(window)
        }
        let deployment = try await requireDeployment()
        let route = deployment.server.route
        guard deployment.server.revisions.count == 1, let old = deployment.server.revisions.first else {
            let staged = deployment.server.revisions.last.map { "\($0.tag) at \(route.weight(of: $0.tag))%" } ?? "?"
            throw ToolboxError.refused("a rollout is already under way (\(staged)); finish it with make promote, move traffic with make shift, or undo it with make rollback")
        }
        if let existing = deployment.server.revision(tagged: source.tag) {
            throw ToolboxError.refused("revision \(existing.tag) is already deployed (\(route.weight(of: existing.tag))% of traffic); commit a change or set another VERSION")
        }
        Console.say("Deploying \(source.tag) (version \(source.version)) beside \(old.tag) (version \(old.version))")
        let entry = RolloutJournal(previous: old, next: source, steps: settings.steps)
        try journal.write(entry)
        try await run(entry, interrupt: interrupt, resuming: false, receipt: beginReceipt("update", revision: source.tag, previous: old.tag))
    }

    /// Carries the journal's rollout to its end; a failed gate rolls back, a signal aborts.
    /// Every way it ends goes to the receipt: completed, staged, kept, rolled back, aborted or failed.
    func run(_ entry: RolloutJournal, interrupt: InterruptSignal, resuming: Bool, receipt: ReceiptRecorder) async throws {
        do {
            let outcome = try await interrupt.cancellable { try await self.advance(entry, resuming: resuming, receipt: receipt) }
            try finishReceipt(receipt, outcome)
        } catch let failure as GateFailure {
            guard let entry = try journal.load() else {
                failReceipt(receipt, .failed, reason: failure.reason)
                throw ToolboxError(failure.reason)
            }
            let timing = try await revert(entry, reason: failure.reason)
            failReceipt(receipt, .rolledBack, reason: "\(failure.reason); traffic back in \(timing)")
            throw ToolboxError("rolled back to \(entry.previousTag) in \(timing): \(failure.reason)")
        } catch where interrupt.fired {
            guard let entry = try journal.load() else { throw ToolboxError("interrupted", kind: .interrupted) }
            try await abort(entry)
            failReceipt(receipt, .aborted, reason: "interrupted")
            throw ToolboxError("interrupted: the rollout of \(entry.next.tag) was stopped where it stood; make status shows the result", kind: .interrupted)
        } catch {
            failReceipt(receipt, .failed, reason: "\(error)")
            throw error
        }
    }

    /// The rollout's phases from wherever the journal says it stands.
    func advance(_ start: RolloutJournal, resuming: Bool, receipt: ReceiptRecorder?) async throws -> RolloutReceipt.Outcome {
        var entry = start
        if entry.phase == .starting {
            let revision = try await startNewRevision(entry)
            try await smokeTest(revision, version: entry.next.version, keepRoute: entry.steps == [0])
            if entry.steps == [0] {
                try journal.close()
                Console.say("Staged \(revision.tag) at 0%: make shift PERCENT=N moves traffic, make promote finishes")
                return .staged
            }
            entry.phase = .shifting
            entry.step = 0
            try journal.write(entry)
        }
        if entry.phase == .shifting {
            var revision = try await requireRevision(entry.next.tag)
            if resuming {
                Console.say("Checking that \(revision.tag)'s tasks are still healthy...")
                try await healthGate { try await platform.waitUntilHealthy(revision, timeout: settings.healthTimeoutSeconds) }
                revision = try await requireRevision(entry.next.tag)
            }
            guard entry.hasUsableSteps else {
                throw ToolboxError.refused(
                    "the rollout journal names step \(entry.step + 1) of steps \(entry.steps) (edited by hand?); make abort or make rollback puts traffic back"
                )
            }
            for index in entry.step..<entry.steps.count {
                let percent = entry.steps[index]
                entry.step = index
                try journal.write(entry)
                try await gate.checkHealth(of: revision)
                Console.say("Updating traffic route")
                try await platform.applyRoute(try .split(older: entry.previousTag, newer: entry.next.tag, percent: percent))
                Console.say("Routing \(percent)% of traffic to the new service")
                let previous = try await platform.describe()?.server.revision(tagged: entry.previousTag)
                try await gate.bake(revision, previous: previous, seconds: settings.bakeSeconds, percent: percent, receipt: receipt)
            }
            entry.phase = .retiring
            try journal.write(entry)
        }
        if entry.phase == .rollingBack {
            let timing = try await revert(entry, reason: entry.reason ?? "asked for")
            throw ToolboxError("the interrupted rollout had been rolling back; it is finished (\(timing)); run make update to try again")
        }
        return try await finishRetiring(entry) ? .kept : .completed
    }

    /// Starts the journal's new revision (afresh: tasks left by an interrupted start are
    /// stopped first) and waits for its health.
    func startNewRevision(_ entry: RolloutJournal) async throws -> Revision {
        if let partial = try await platform.describe()?.server.revision(tagged: entry.next.tag) {
            Console.say("Stopping the \(partial.tasks.count) task(s) of \(partial.tag) left by the interrupted start...")
            try await uninterrupted { try await platform.retire(partial) }
        }
        let started = try await platform.startRevision(entry.next, count: settings.services.server.tasks)
        Console.say("Waiting for the new tasks to be healthy...")
        try await healthGate { try await platform.waitUntilHealthy(started, timeout: settings.healthTimeoutSeconds) }
        return try await requireRevision(entry.next.tag)
    }

    /// A health wait whose failure (not its interruption) is a failed gate.
    func healthGate(_ wait: () async throws -> Void) async throws {
        do {
            try await wait()
        } catch let error as ToolboxError {
            throw GateFailure(reason: error.description)
        }
    }

    /// The previous revision kept for a rollback window or retired; true when kept.
    @discardableResult
    func finishRetiring(_ entry: RolloutJournal) async throws -> Bool {
        var kept = false
        if let old = try await platform.describe()?.server.revision(tagged: entry.previousTag) {
            kept = try await keepOrRetire(old, current: entry.next.tag)
        }
        try journal.close()
        return kept
    }

    /// `make shift PERCENT=N`: the newest revision gets N %, the one before it the rest.
    public func shift(percent: Percent) async throws {
        try await refuseDuringWindow("shift")
        let (older, newer) = try await lastTwoRevisions(for: "shift")
        let receipt = beginReceipt("shift", revision: newer.tag, previous: older.tag)
        let began = ContinuousClock.now
        try await platform.applyRoute(try .split(older: older.tag, newer: newer.tag, percent: percent.value))
        Console.say("Routing \(percent) of traffic to \(newer.tag) (version \(newer.version)), \(percent.remainder)% to \(older.tag) (version \(older.version))")
        try finishReceipt(receipt, .completed, since: began, weight: percent.value)
    }

    /// `make promote`: all traffic to the newest revision, then the one before it retired.
    public func promote() async throws {
        try await refuseDuringWindow("promote")
        let (older, newer) = try await lastTwoRevisions(for: "promote")
        let receipt = beginReceipt("promote", revision: newer.tag, previous: older.tag)
        let began = ContinuousClock.now
        try await platform.removeTestRoute()
        try await platform.applyRoute(.only(newer.tag).addingStaged(older.tag))
        Console.say("Routing 100% of traffic to \(newer.tag) (version \(newer.version))")
        let kept = try await keepOrRetire(older, current: newer.tag)
        try finishReceipt(receipt, kept ? .kept : .completed, since: began, weight: 100)
    }

    func retire(_ revision: Revision) async throws {
        Console.say("Retiring \(revision.tag) (version \(revision.version)): draining its calls and stopping its tasks...")
        try await platform.retire(revision)
        Console.say("Version \(revision.version) is retired; \(settings.services.server.tasks) task(s) of the new version serve all traffic")
    }

    func requireDeployment() async throws -> Deployment {
        guard let deployment = try await platform.describe(), !deployment.server.revisions.isEmpty else {
            throw ToolboxError.refused("nothing is deployed yet; run make build-infra first")
        }
        return deployment
    }

    func requireRevision(_ tag: String) async throws -> Revision {
        guard let revision = try await requireDeployment().server.revision(tagged: tag) else {
            throw ToolboxError("revision \(tag) is not deployed any more; make status shows what is")
        }
        return revision
    }

    func lastTwoRevisions(for verb: String) async throws -> (older: Revision, newer: Revision) {
        if let entry = try journal.load() {
            throw ToolboxError.refused("the rollout of \(entry.next.tag) was interrupted at \(entry.position); make update \(entry.whatUpdateDoes), make rollback \(entry.whatRollbackDoes)")
        }
        let revisions = try await requireDeployment().server.revisions
        guard revisions.count >= 2 else {
            throw ToolboxError.refused("\(verb) needs two revisions, but only \(revisions[0].tag) is deployed; stage one with make update STEPS=0")
        }
        return (revisions[revisions.count - 2], revisions[revisions.count - 1])
    }
}
