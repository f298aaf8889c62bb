import Foundation
import ToolboxCore

/// A process of the local target (a task or HAProxy), started detached in its own session so
/// that it outlives the toolbox command, and known afterwards by PID plus start time, so a
/// PID the kernel has since given to another program is never signalled.
public struct LocalProcess: Sendable, Codable, Equatable {
    public var pid: Int32
    public var startTicks: UInt64

    /// Starts `executable` with exactly `environment`, output appended to `logFile`.
    public static func spawn(executable: String, arguments: [String] = [], environment: [String: String], logFile: URL) throws(ToolboxError) -> LocalProcess {
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            throw ToolboxError("\(executable) is not an executable file; build it first (make build)")
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, logFile.path, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // POSIX_SPAWN_SETSID (glibc's 0x80, not imported into Swift): a session of its own, so a
        // Ctrl-C in the user's terminal reaches the toolbox, not the tasks it started.
        posix_spawnattr_setflags(&attributes, Int16(0x80))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard status == 0 else {
            throw ToolboxError("cannot start \(executable): \(String(cString: strerror(status)))")
        }
        return LocalProcess(pid: pid, startTicks: startTicks(of: pid) ?? 0)
    }

    /// True while this very process (not a later one with the same PID) is alive and not a zombie.
    public var isRunning: Bool {
        reapIfChild()
        guard let stat = Self.stat(of: pid) else { return false }
        return stat.state != "Z" && stat.startTicks == startTicks
    }

    /// SIGTERM, then SIGKILL if it has not exited after `grace` seconds; returns once it is gone.
    public func stop(grace: Double = 10) async {
        guard isRunning else { return }
        kill(pid, SIGTERM)
        let deadline = Date().addingTimeInterval(grace)
        while isRunning, Date() < deadline {
            try? await Task.sleep(for: .milliseconds(25))
        }
        if isRunning {
            kill(pid, SIGKILL)
            while isRunning {
                try? await Task.sleep(for: .milliseconds(10))
            }
        }
    }

    /// A child of this toolbox process that exited must be reaped, or it lingers as a zombie.
    private func reapIfChild() {
        var status: Int32 = 0
        _ = waitpid(pid, &status, WNOHANG)
    }

    static func startTicks(of pid: Int32) -> UInt64? {
        stat(of: pid)?.startTicks
    }

    /// The state letter and start time (field 22) from /proc/PID/stat.
    private static func stat(of pid: Int32) -> (state: Character, startTicks: UInt64)? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = text.lastIndex(of: ")")
        else { return nil }
        // Fields after the parenthesised command name; the name itself may contain spaces.
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count > 19, let state = fields[0].first, let ticks = UInt64(fields[19]) else { return nil }
        return (state, ticks)
    }
}
