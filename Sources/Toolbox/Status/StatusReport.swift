import Foundation

/// What `make status` shows: the deployment as recorded, with each task's health and PID liveness.
public struct StatusReport: Codable, Sendable {
    public var deployment: Deployment?
    /// Task name to health, as the router sees it.
    public var health: [String: String]

    public static func gather(from platform: any Platform) async throws -> StatusReport {
        guard let deployment = try await platform.describe() else {
            return StatusReport(deployment: nil, health: [:])
        }
        // A router that is down is itself worth reporting rather than failing the status.
        let health = (try? await platform.taskHealth()) ?? [:]
        return StatusReport(deployment: deployment, health: health)
    }

    public func json() throws -> String {
        String(decoding: try JSONEncoder.toolbox.encode(self), as: UTF8.self)
    }

    public func text() -> String {
        guard let deployment else { return "Nothing is deployed. Run make build-infra." }
        var lines = [
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
