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

    public static func gather(from platform: any Platform, settings: ToolboxSettings) async throws -> StatusReport {
        let journal = try RolloutJournalFile(stateDirectory: settings.stateDirectory).load()
        let holder = journal == nil ? nil : ProjectLock.currentHolder(in: settings.stateDirectory)
        guard let deployment = try await platform.describe() else {
            return StatusReport(deployment: nil, health: [:], rollout: journal, rolloutRunBy: holder)
        }
        // A router that is down is itself worth reporting rather than failing the status.
        let health = (try? await platform.taskHealth())?.mapValues(\.description) ?? [:]
        return StatusReport(deployment: deployment, health: health, rollout: journal, rolloutRunBy: holder)
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
