import Foundation
import ToolboxCore

/// The rollout commands a plan (PLAN=1 or --dry-run) can describe.
public enum RolloutVerb: Sendable, Equatable {
    case update(RevisionSource)
    case shift(percent: Percent)
    case promote, rollback, abort, retire
}

extension Rollout {
    /// What `verb` would do, decided as the command decides, from read-only calls: the route
    /// before and after, the tasks started and stopped, and the platform's calls by name. A
    /// command that would be refused is planned as that refusal. Nothing is written.
    public func plan(_ verb: RolloutVerb) async throws -> [String] {
        guard let deployment = try await platform.describe(), let current = deployment.server.revisions.last else {
            return ["would be refused: nothing is deployed yet; run make build-infra first"]
        }
        let route = deployment.server.route
        var lines = ["route now: \(Self.describe(route))"]
        if let entry = try journal.load(), verb != .abort, verb != .rollback {
            return lines + ["an interrupted rollout of \(entry.next.tag) is on record at \(entry.position): make update \(entry.whatUpdateDoes)"]
        }
        let window = windowFile.load()
        if let window, window.hasExpired, let kept = deployment.server.revision(tagged: window.previousTag) {
            lines += ["the rollback window ended at \(Self.clock(window.endsAt)): first retire \(kept.tag)"] + calls(.retire(tasks: kept.tasks.count))
        }
        let open = window.flatMap { $0.hasExpired ? nil : $0 }
        switch verb {
        case .update(let source): lines += try planUpdate(source, deployment: deployment, window: open)
        case .shift(let percent): lines += try planShift(percent, deployment: deployment, window: open)
        case .promote: lines += planPromote(deployment: deployment, window: open)
        case .rollback: lines += try planRollback(deployment: deployment, window: open)
        case .abort: lines += try planAbort(deployment: deployment, window: open)
        case .retire:
            guard let open, let kept = deployment.server.revision(tagged: open.previousTag) else {
                return lines + ["would be refused: no rollback window is open (\(current.tag) serves alone)"]
            }
            lines += ["retire \(kept.tag) (\(kept.tasks.count) task(s)), closing the window"] + calls(.retire(tasks: kept.tasks.count))
        }
        return lines
    }

    private func planUpdate(_ source: RevisionSource, deployment: Deployment, window: RollbackWindow?) throws -> [String] {
        var lines: [String] = []
        var revisions = deployment.server.revisions
        if let window, let kept = deployment.server.revision(tagged: window.previousTag) {
            lines += ["end the rollback window: retire \(kept.tag)"] + calls(.retire(tasks: kept.tasks.count))
            revisions.removeAll { $0.tag == kept.tag }
        }
        guard revisions.count == 1, let old = revisions.first else {
            return lines + ["would be refused: a rollout is already under way; make promote, make shift or make rollback first"]
        }
        guard old.tag != source.tag else { return lines + ["would be refused: \(source.tag) is already deployed"] }
        let tasks = settings.services.server.tasks
        lines += ["start \(tasks) task(s) of \(source.tag) (version \(source.version)) from \(source.artifact)"] + calls(.startRevision(tasks: tasks))
        if settings.steps == [0] { return lines + ["stage it at 0%; no traffic moves"] }
        for percent in settings.steps {
            let split = try Route.split(older: old.tag, newer: source.tag, percent: percent)
            lines.append("route \(Self.describe(split)), then bake \(settings.bakeSeconds) s gated on health and ERROR_RATE=\(settings.maximumErrorRate)%")
        }
        return lines + calls(.applyRoute) + keepOrRetireLines(old)
    }

    private func planShift(_ percent: Percent, deployment: Deployment, window: RollbackWindow?) throws -> [String] {
        if let window { return ["would be refused: \(window.previousTag) is kept for a rollback; make rollback or make retire first"] }
        let revisions = deployment.server.revisions
        guard revisions.count >= 2 else { return ["would be refused: shift needs two revisions, only \(revisions[0].tag) is deployed"] }
        let after = try Route.split(older: revisions[revisions.count - 2].tag, newer: revisions[revisions.count - 1].tag, percent: percent.value)
        return ["route \(Self.describe(after))"] + calls(.applyRoute)
    }

    private func planPromote(deployment: Deployment, window: RollbackWindow?) -> [String] {
        if let window { return ["would be refused: \(window.previousTag) is kept for a rollback; make rollback or make retire first"] }
        let revisions = deployment.server.revisions
        guard revisions.count >= 2 else { return ["would be refused: promote needs two revisions, only \(revisions[0].tag) is deployed"] }
        let (older, newer) = (revisions[revisions.count - 2], revisions[revisions.count - 1])
        return ["route \(Self.describe(Route.only(newer.tag).addingStaged(older.tag)))"] + calls(.applyRoute) + keepOrRetireLines(older)
    }

    private func planRollback(deployment: Deployment, window: RollbackWindow?) throws -> [String] {
        let revisions = deployment.server.revisions
        let entry = try journal.load()
        if let entry, entry.phase == .retiring { return ["would be refused: too late to roll back, \(entry.previousTag) is being retired"] }
        guard revisions.count >= 2 else { return ["would be refused: nothing to roll back, only \(revisions[0].tag) is deployed"] }
        let previous = entry?.previousTag ?? window?.previousTag ?? revisions[revisions.count - 2].tag
        let newer = revisions.last { $0.tag != previous } ?? revisions[revisions.count - 1]
        var lines = ["route \(Self.describe(try Route([(previous, 100), (newer.tag, 0)]))) (one route change; nothing is started)"]
        lines += calls(.applyRoute)
        lines += ["retire \(newer.tag) (\(newer.tasks.count) task(s))"] + calls(.retire(tasks: newer.tasks.count))
        return lines
    }

    private func planAbort(deployment: Deployment, window: RollbackWindow?) throws -> [String] {
        if let entry = try journal.load() { return ["stop the interrupted rollout of \(entry.next.tag) where it stands (\(entry.position)); traffic back on \(entry.previousTag)"] + calls(.applyRoute) }
        if let window { return ["would be refused: \(window.previousTag) is kept for a rollback; make rollback or make retire"] }
        let revisions = deployment.server.revisions
        guard revisions.count >= 2, deployment.server.route.weight(of: revisions[revisions.count - 1].tag) > 0 else {
            return ["would be refused: no rollout to abort"]
        }
        let (older, newer) = (revisions[revisions.count - 2], revisions[revisions.count - 1])
        return ["route \(Self.describe(try Route([(older.tag, 100), (newer.tag, 0)]))); \(newer.tag) stays staged at 0%"] + calls(.applyRoute)
    }

    private func keepOrRetireLines(_ previous: Revision) -> [String] {
        guard settings.keepPreviousSeconds > 0 else {
            return ["retire \(previous.tag) (\(previous.tasks.count) task(s))"] + calls(.retire(tasks: previous.tasks.count))
        }
        return ["keep \(previous.tag) at 0% for \(Int(settings.keepPreviousSeconds)) s (KEEP_PREVIOUS) for an instant rollback"]
    }

    private func calls(_ change: PlannedChange) -> [String] {
        platform.plannedCalls(change).map { "  call: \($0)" }
    }

    static func describe(_ route: Route) -> String {
        route.targets.map { "\($0.revision) \($0.weight)%" }.joined(separator: ", ")
    }
}
