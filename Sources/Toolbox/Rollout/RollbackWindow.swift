import Foundation
import ToolboxCore

/// The previous revision kept running at 0 % after a rollout reached 100 % (KEEP_PREVIOUS), so
/// that make rollback returns to it with one route change. No daemon ends it: the next update,
/// make retire, or any rollout command that finds it expired retires the kept revision.
public struct RollbackWindow: Codable, Sendable, Equatable {
    /// The revision kept at 0 %, and the one serving all traffic.
    public var previousTag: String
    public var previousVersion: String
    public var currentTag: String
    public var endsAt: Date

    public var hasExpired: Bool { Date() >= endsAt }
}

/// `.toolbox/rollback-window.json`, present only while a window is open.
struct RollbackWindowFile: Sendable {
    let url: URL

    init(stateDirectory: URL) {
        url = stateDirectory.appendingPathComponent("rollback-window.json")
    }

    func load() -> RollbackWindow? {
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        return try? JSONDecoder.toolbox.decode(RollbackWindow.self, from: data)
    }

    func save(_ window: RollbackWindow) throws(ToolboxError) {
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try JSONEncoder.toolbox.encode(window).write(to: url, options: .atomic)
        } catch {
            throw ToolboxError("cannot write \(url.path): \(error.localizedDescription)")
        }
    }

    func close() {
        try? FileManager.default.removeItem(at: url)
    }
}
