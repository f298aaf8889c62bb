import Foundation

/// A throwaway project folder: a git repository with the echo version constants, used by the
/// toolbox's real executables on free loopback ports. Whatever a test starts here is stopped
/// by PID when the test ends, whether it passed or not.
final class ToolboxProject: @unchecked Sendable {
    let directory: URL
    let environment: [String: String]
    let publicPort: Int

    static var binDirectory: URL {
        URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
    }

    init(version: String = "0.9", settings: [String: String] = [:], folderPrefix: String = "toolbox-") throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("\(folderPrefix)\(UUID().uuidString.prefix(8))")
        publicPort = try LoopbackProcess.freePort()
        // Each project gets its own 127.x.y.0/24 for tasks, so tests never share an address.
        let network = "127.\(Int.random(in: 100...250)).\(Int.random(in: 1...250))"
        var environment = [
            "PUBLIC_PORT": String(publicPort),
            "VIRTUAL_SERVICE_PORT": String(try LoopbackProcess.freePort()),
            "TASK_NETWORK": network,
            "TOOLBOX_BIN_DIR": Self.binDirectory.path,
            "BAKE": "2",
            // The rollback window (default 5 minutes) is tested where asked for; elsewhere a
            // rollout retires the previous revision at once, as before the window existed.
            "KEEP_PREVIOUS": "0",
            "HEALTH_TIMEOUT": "20",
            "LOCK_WAIT": "2",
            // Most tests rehearse many versions of one debug build; LocalImageRunTests runs images.
            "LOCAL_ARTIFACT": "executable",
        ]
        environment.merge(settings) { $1 }
        self.environment = environment
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("Sources/Echo/Version"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("Sources/Echo/Client"), withIntermediateDirectories: true)
        try "    static let version = \"0.1\"\n".write(to: directory.appendingPathComponent("Sources/Echo/Client/EchoClientMain.swift"), atomically: true, encoding: .utf8)
        // As in a real checkout, the toolbox's own files are not part of the work it tags.
        try ".toolbox/\n".write(to: directory.appendingPathComponent(".gitignore"), atomically: true, encoding: .utf8)
        try git(["init", "-q"])
        try setVersion(version)
    }

    /// Bumps the server's version constant and commits it, as the README's walkthrough does.
    func setVersion(_ version: String) throws {
        try "public let echoServerVersion = \"\(version)\"\n".write(
            to: directory.appendingPathComponent("Sources/Echo/Version/EchoVersion.swift"), atomically: true, encoding: .utf8)
        try git(["add", "-A"])
        try git(["-c", "user.name=Test", "-c", "user.email=test@localhost", "commit", "-q", "-m", "Version \(version)"])
    }

    private func git(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/git")
        process.arguments = ["-C", directory.path] + arguments
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw ProjectFailure("git \(arguments.joined(separator: " ")) failed") }
    }

    /// Runs a plugin to completion (at most `timeout`) and returns its exit status and output.
    func run(_ executable: String, _ arguments: [String], _ extra: [String: String] = [:], timeout: Duration = .seconds(90)) async throws -> CommandResult {
        let command = try start(executable, arguments, extra)
        return try await command.finish(timeout: timeout)
    }

    func start(_ executable: String, _ arguments: [String], _ extra: [String: String] = [:]) throws -> RunningCommand {
        var environment = ProcessInfo.processInfo.environment
        environment.merge(self.environment) { $1 }
        environment.merge(extra) { $1 }
        return try RunningCommand(
            executable: Self.binDirectory.appendingPathComponent(executable),
            // The verb first; options after it, before any "--" that ends them.
            arguments: Array(arguments.prefix(1)) + ["--project-dir", directory.path] + arguments.dropFirst(),
            environment: environment)
    }

    /// The state the toolbox recorded, as JSON.
    func state() -> [String: Any]? {
        let url = directory.appendingPathComponent(".toolbox/local/state.json")
        guard let data = try? Data(contentsOf: url) else { return nil }
        return try? JSONSerialization.jsonObject(with: data) as? [String: Any]
    }

    /// Every PID the state records: the router and all tasks.
    func recordedPIDs(of services: [String] = ["server", "client"], router includeRouter: Bool = true) -> [Int32] {
        guard let state = state() else { return [] }
        var pids: [Int32] = []
        if includeRouter, let router = state["router"] as? [String: Any], let pid = router["pid"] as? Int { pids.append(Int32(pid)) }
        let deployment = state["deployment"] as? [String: Any] ?? [:]
        for key in services {
            let revisions = (deployment[key] as? [String: Any])?["revisions"] as? [[String: Any]] ?? []
            for revision in revisions {
                for task in revision["tasks"] as? [[String: Any]] ?? [] {
                    if let pid = task["pid"] as? Int { pids.append(Int32(pid)) }
                }
            }
        }
        return pids
    }

    /// The safety net for a failed test: SIGKILL to everything recorded, then the folder removed.
    func cleanUp() {
        for pid in recordedPIDs() where ProcessLiveness.isAlive(pid) {
            kill(pid, SIGKILL)
        }
        try? FileManager.default.removeItem(at: directory)
    }
}

struct ProjectFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

enum ProcessLiveness {
    /// True for a live process; a zombie (exited, not yet reaped) counts as gone.
    static func isAlive(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return false }
        return !stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).hasPrefix("Z")
    }
}
