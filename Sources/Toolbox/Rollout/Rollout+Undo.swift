import Foundation
import ToolboxCore

extension Rollout {
    /// `make rollback`: the rollout on record (interrupted or staged) undone by `revert`. Inside
    /// a rollback window, the kept revision takes all traffic back with one route change
    /// (nothing is started), and the newer one is then stopped.
    public func rollback() async throws {
        let entry = try await rolloutToUndo()
        let receipt = beginReceipt("rollback", revision: entry.previousTag, previous: entry.next.tag)
        let began = ContinuousClock.now
        let timing = try await revert(entry, reason: "asked for with make rollback")
        windowFile.close()
        Console.say("Rolled back to \(entry.previousTag) in \(timing)")
        try finishReceipt(receipt, .completed, reason: "took \(timing)", since: began, weight: 100)
    }

    /// The journal's rollout, else the revision kept by an open window, else the newest revision
    /// staged beside the one before it.
    private func rolloutToUndo() async throws -> RolloutJournal {
        if let entry = try journal.load() {
            guard entry.phase != .retiring else {
                throw ToolboxError.refused("too late to roll back: all traffic is on \(entry.next.tag) and \(entry.previousTag) is being retired; make update finishes it")
            }
            return entry
        }
        let window = try await openWindow()
        let revisions = try await requireDeployment().server.revisions
        guard revisions.count >= 2 else {
            throw ToolboxError.refused("nothing to roll back: only \(revisions[0].tag) is deployed")
        }
        let older = revisions.first { $0.tag == window?.previousTag } ?? revisions[revisions.count - 2]
        let newer = revisions.last { $0.tag != older.tag } ?? revisions[revisions.count - 1]
        var entry = RolloutJournal(
            previous: older, next: RevisionSource(tag: newer.tag, version: newer.version, commit: newer.commit, artifact: .deployed),
            steps: [0])
        entry.phase = .shifting
        return entry
    }

    /// The one way a rollout is undone (asked for, after a failed gate, or on resuming one that
    /// was rolling back): weights back to 100 % on the previous revision first, then the new
    /// revision's tasks drained and stopped, the journal written at each step. Returns how long it took.
    func revert(_ start: RolloutJournal, reason: String) async throws -> String {
        let began = ContinuousClock.now
        var entry = start
        entry.phase = .rollingBack
        entry.reason = reason
        try journal.write(entry)
        Console.say("Rolling back to \(entry.previousTag): \(reason)")
        let deployment = try await requireDeployment()
        guard deployment.server.revision(tagged: entry.previousTag) != nil else {
            throw ToolboxError("cannot roll back: \(entry.previousTag) is no longer deployed; make status shows what is")
        }
        let (previous, next) = (entry.previousTag, entry.next.tag)
        try await uninterrupted { try await platform.removeTestRoute() }
        var trafficBack = ContinuousClock.now - began
        if let revision = deployment.server.revision(tagged: entry.next.tag) {
            try await uninterrupted {
                try await platform.applyRoute(try Route([(previous, 100), (next, 0)]))
            }
            trafficBack = ContinuousClock.now - began
            Console.say("All traffic is back on \(entry.previousTag) (version \(entry.previousVersion)); stopping \(revision.tag)...")
            try await uninterrupted { try await platform.retire(revision) }
        } else {
            try await uninterrupted { try await platform.applyRoute(.only(previous)) }
        }
        try journal.close()
        return "\(Self.seconds(ContinuousClock.now - began)) (traffic back after \(Self.seconds(trafficBack)))"
    }

    /// Stops the rollout where it stands: traffic returns to the previous revision. A new
    /// revision that had taken traffic stays staged at 0 %, its tasks running, to be inspected,
    /// shifted by hand or rolled back; one that had not passed its checks yet is stopped.
    func abort(_ entry: RolloutJournal) async throws {
        try await uninterrupted { try await platform.removeTestRoute() }
        switch entry.phase {
        case .starting:
            if let revision = try await platform.describe()?.server.revision(tagged: entry.next.tag) {
                Console.say("Stopping \(revision.tag)'s tasks: no traffic had moved to it")
                try await uninterrupted { try await platform.retire(revision) }
            }
            try journal.close()
            Console.say("Aborted before any traffic moved; \(entry.previousTag) serves all traffic")
        case .shifting:
            try await uninterrupted {
                try await platform.applyRoute(try Route([(entry.previousTag, 100), (entry.next.tag, 0)]))
            }
            try journal.close()
            Console.say("Aborted: 100% of traffic is back on \(entry.previousTag); \(entry.next.tag) stays staged at 0% with its tasks running")
            Console.say("make rollback stops it; make shift PERCENT=N or make promote carries on by hand")
        case .retiring:
            Console.say("Too late to abort: all traffic was on \(entry.next.tag); finishing the retirement of \(entry.previousTag)")
            try await finishRetiring(entry)
        case .rollingBack:
            Console.say("Finishing the rollback that was under way")
            _ = try await revert(entry, reason: entry.reason ?? "asked for")
        }
    }

    /// `make abort` once the project lock is ours: an interrupted rollout stopped where it
    /// stands, or a staged revision's traffic returned to the one before it.
    public func abortInterrupted() async throws {
        if let entry = try journal.load() {
            let receipt = beginReceipt("abort", revision: entry.next.tag, previous: entry.previousTag)
            let began = ContinuousClock.now
            try await abort(entry)
            try finishReceipt(receipt, .aborted, reason: "stopped at \(entry.position)", since: began, weight: 0)
            return
        }
        try await refuseDuringWindow("abort")
        let deployment = try await requireDeployment()
        let revisions = deployment.server.revisions
        guard revisions.count >= 2, deployment.server.route.weight(of: revisions[revisions.count - 1].tag) > 0 else {
            throw ToolboxError.refused("no rollout to abort: \(revisions.map { "\($0.tag) at \(deployment.server.route.weight(of: $0.tag))%" }.joined(separator: ", "))")
        }
        let (older, newer) = (revisions[revisions.count - 2], revisions[revisions.count - 1])
        let receipt = beginReceipt("abort", revision: newer.tag, previous: older.tag)
        let began = ContinuousClock.now
        try await platform.removeTestRoute()
        try await platform.applyRoute(try Route([(older.tag, 100), (newer.tag, 0)]))
        Console.say("Aborted: 100% of traffic is back on \(older.tag); \(newer.tag) stays staged at 0% (make rollback stops it)")
        try finishReceipt(receipt, .aborted, reason: "traffic back on \(older.tag)", since: began, weight: 0)
    }

    /// The journal of a rollout that is not finished, if any.
    public func interruptedRollout() throws(ToolboxError) -> RolloutJournal? {
        try journal.load()
    }

    static func seconds(_ duration: Duration) -> String {
        String(format: "%.2f s", duration.seconds)
    }
}

extension Duration {
    /// The duration in seconds, as receipts and timings print it.
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
