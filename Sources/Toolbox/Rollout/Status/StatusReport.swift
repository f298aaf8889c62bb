import Foundation
import ToolboxCore

/// What `make status` shows: the deployment as recorded, with each task's health and PID liveness.
public struct StatusReport: Codable, Sendable {
    public var deployment: Deployment?
    /// Task name to health, as the router sees it.
    public var health: [String: String]
    /// An unfinished rollout's journal, and who is running it (nil when interrupted).
    public var rollout: RolloutJournal?
    public var rolloutRunBy: ProjectLock.Holder?
    /// The previous revision kept at 0 % for a rollback, until when.
    public var rollbackWindow: RollbackWindow?
    /// The last receipt's one-line summary and its file.
    public var lastReceipt: String?

    public static func gather(from platform: any Platform, settings: ToolboxSettings) async throws -> StatusReport {
        let journal = try RolloutJournalFile(stateDirectory: settings.stateDirectory).load()
        let holder = journal == nil ? nil : ProjectLock.currentHolder(in: settings.stateDirectory)
        let window = RollbackWindowFile(stateDirectory: settings.stateDirectory).load()
        let receipt = ReceiptStore(stateDirectory: settings.stateDirectory).last().map {
            "\(ReceiptTable(receipt: $0.receipt, file: $0.file).summary) [\($0.file.path)]"
        }
        var report = StatusReport(
            deployment: nil, health: [:], rollout: journal, rolloutRunBy: holder, rollbackWindow: window, lastReceipt: receipt)
        guard let deployment = try await platform.describe() else { return report }
        report.deployment = deployment
        // A router that is down is itself worth reporting rather than failing the status.
        report.health = (try? await platform.taskHealth())?.mapValues(\.description) ?? [:]
        return report
    }

    /// The rollout on record, in words: running, or interrupted and what each command would do.
    var rolloutLines: [String] {
        guard let rollout else { return [] }
        let header = "Rollout of \(rollout.next.tag) (version \(rollout.next.version)) from \(rollout.previousTag)"
        if let rolloutRunBy {
            return ["\(header): in progress by PID \(rolloutRunBy.pid) (\(rolloutRunBy.command)), at \(rollout.position)", ""]
        }
        return [
            "\(header): INTERRUPTED at \(rollout.position)",
            "  make update   \(rollout.whatUpdateDoes)",
            "  make rollback \(rollout.whatRollbackDoes)",
            "",
        ]
    }

    /// The kept revision and the window's end; on aws its tasks are billed while kept.
    func windowLines(target: DeploymentTarget) -> [String] {
        guard let window = rollbackWindow else { return [] }
        let formatter = ISO8601DateFormatter()
        let state = window.hasExpired ? "ended at" : "open until"
        var lines = [
            "Rollback window: \(window.previousTag) (version \(window.previousVersion)) kept at 0%, \(state) \(formatter.string(from: window.endsAt)); make rollback returns to it, make retire stops it"
        ]
        if window.hasExpired { lines.append("  the next rollout command retires it") }
        if target == .aws { lines.append("  its Fargate task set keeps running, and is billed, until then") }
        return lines
    }

    public func json() throws -> String {
        String(decoding: try JSONEncoder.toolbox.encode(self), as: UTF8.self)
    }

    public func text() -> String {
        guard let deployment else { return (rolloutLines + ["Nothing is deployed. Run make build-infra."]).joined(separator: "\n") }
        var lines = rolloutLines + [
            "Project \(deployment.projectName) on \(deployment.target.rawValue)",
            "Public endpoint: \(deployment.publicEndpoint)",
            "Virtual service (gRPC): \(deployment.virtualServiceAddress)",
        ]
        if health.isEmpty { lines.append("Router: not answering (run make build-infra to restart it)") }
        lines += windowLines(target: deployment.target)
        if let lastReceipt { lines.append("Last rollout: \(lastReceipt)") }
        for service in [deployment.server, deployment.client] {
            lines.append("")
            lines.append("\(service.spec.name)")
            var rows: [[String]] = []
            for revision in service.revisions {
                let weight = service.spec.kind == .grpc ? "\(service.route.weight(of: revision.tag))%" : "-"
                rows.append([revision.tag, revision.version, String(revision.commit.prefix(12)), weight, "\(revision.tasks.count) task(s)"])
                for task in revision.tasks {
                    rows.append(["  \(task.name)", "\(task.address):\(task.port)", "PID \(task.pid.map(String.init) ?? "-")", health[task.name] ?? "unknown", ""])
                }
            }
            lines.append(Console.table(["REVISION / TASK", "VERSION / ADDRESS", "COMMIT / PID", "WEIGHT / HEALTH", ""], rows))
        }
        return lines.joined(separator: "\n")
    }
}
