import Foundation

/// One mutating toolbox command at a time per project. The lock is an flock(2) on
/// `.toolbox/lock`: the kernel releases it when its holder dies, so a crashed command's lock is
/// taken over safely. Who holds it (PID, command, since when) is written beside it for the
/// message a waiting command prints.
public final class ProjectLock: Sendable {
    public struct Holder: Codable, Sendable {
        public var pid: Int32
        public var command: String
        public var since: Date
    }

    private let descriptor: Int32

    private init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    /// Takes the lock, waiting up to `timeout` seconds for the current holder.
    public static func acquire(in directory: URL, command: String, timeout: Double = 5) throws(ToolboxError) -> ProjectLock {
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let lockPath = directory.appendingPathComponent("lock").path
        // O_CLOEXEC: processes the command starts (HAProxy, tasks) must not inherit the lock.
        let descriptor = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw ToolboxError("cannot open \(lockPath): \(String(cString: strerror(errno)))")
        }
        let deadline = Date().addingTimeInterval(timeout)
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard Date() < deadline else {
                close(descriptor)
                throw ToolboxError(busyMessage(holderFile(directory)), kind: .failed)
            }
            usleep(50_000)
        }
        let holder = Holder(pid: getpid(), command: command, since: Date())
        try? JSONEncoder.toolbox.encode(holder).write(to: holderFile(directory), options: .atomic)
        return ProjectLock(descriptor: descriptor)
    }

    /// Who holds the lock now, or nil when nobody does. Probing takes a shared lock for an
    /// instant, which a holder's exclusive lock refuses; nothing waits on it.
    public static func currentHolder(in directory: URL) -> Holder? {
        let descriptor = open(directory.appendingPathComponent("lock").path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        if flock(descriptor, LOCK_SH | LOCK_NB) == 0 {
            flock(descriptor, LOCK_UN)
            return nil
        }
        guard let data = try? Data(contentsOf: holderFile(directory)) else { return nil }
        return try? JSONDecoder.toolbox.decode(Holder.self, from: data)
    }

    /// Lets the next command in; also done when the process ends, however it ends.
    public func release() {
        flock(descriptor, LOCK_UN)
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }

    private static func holderFile(_ directory: URL) -> URL {
        directory.appendingPathComponent("lock.holder.json")
    }

    private static func busyMessage(_ file: URL) -> String {
        guard let data = try? Data(contentsOf: file), let holder = try? JSONDecoder.toolbox.decode(Holder.self, from: data) else {
            return "another toolbox command is changing this project; try again when it has finished"
        }
        let since = ISO8601DateFormatter().string(from: holder.since)
        return "another toolbox command is changing this project: PID \(holder.pid) (\(holder.command)) since \(since)"
    }
}
