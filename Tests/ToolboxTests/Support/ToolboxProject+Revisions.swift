import Foundation

extension ToolboxProject {
    /// One revision of the server as the local state records it.
    struct ServerRevision: Equatable {
        var tag: String
        var version: String
        var weight: Int
        var pids: [Int32]
    }

    /// The server's revisions, oldest first, with their route weights and task PIDs.
    func serverRevisions() -> [ServerRevision] {
        let deployment = state()?["deployment"] as? [String: Any] ?? [:]
        let server = deployment["server"] as? [String: Any] ?? [:]
        let targets = (server["route"] as? [String: Any])?["targets"] as? [[String: Any]] ?? []
        let weights = Dictionary(targets.map { ($0["revision"] as? String ?? "", $0["weight"] as? Int ?? 0) }, uniquingKeysWith: { first, _ in first })
        return (server["revisions"] as? [[String: Any]] ?? []).map { revision in
            let tag = revision["tag"] as? String ?? ""
            let pids = (revision["tasks"] as? [[String: Any]] ?? []).compactMap { ($0["pid"] as? Int).map(Int32.init) }
            return ServerRevision(tag: tag, version: revision["version"] as? String ?? "", weight: weights[tag] ?? 0, pids: pids)
        }
    }

    func serverRevision(version: String) -> ServerRevision? {
        serverRevisions().first { $0.version == version }
    }

    /// True while a rollout's journal is on record.
    var hasRolloutJournal: Bool {
        FileManager.default.fileExists(atPath: directory.appendingPathComponent(".toolbox/rollout.json").path)
    }

    /// Waits until the running command prints a line containing `text`.
    func waitForLine(_ text: String, of command: RunningCommand, timeout: Duration = .seconds(60)) async throws {
        let deadline = ContinuousClock.now + timeout
        while command.time(ofLine: text) == nil {
            guard ContinuousClock.now < deadline else { throw ProjectFailure("no line with '\(text)' within \(timeout)") }
            try await Task.sleep(for: .milliseconds(20))
        }
    }
}
