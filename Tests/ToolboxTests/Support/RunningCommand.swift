import Foundation

/// What a finished command printed and how it ended.
struct CommandResult: Sendable {
    var status: Int32
    var output: String
    var lines: [String] { output.split(separator: "\n").map(String.init) }
}

/// A toolbox command running in the background; its output lines are timestamped as they
/// appear, so a test can tell what the clients saw during each step of a rollout.
final class RunningCommand: @unchecked Sendable {
    let process = Process()
    private let output = Pipe()
    private let lock = NSLock()
    private var buffer = ""
    private var timedLines: [(Date, String)] = []

    init(executable: URL, arguments: [String], environment: [String: String]) throws {
        process.executableURL = executable
        process.arguments = arguments
        process.environment = environment
        process.standardOutput = output
        process.standardError = output
        output.fileHandleForReading.readabilityHandler = { [weak self] handle in
            self?.append(handle.availableData)
        }
        try process.run()
    }

    private func append(_ data: Data) {
        lock.lock()
        defer { lock.unlock() }
        buffer += String(decoding: data, as: UTF8.self)
        while let newline = buffer.firstIndex(of: "\n") {
            timedLines.append((Date(), String(buffer[..<newline])))
            buffer.removeSubrange(...newline)
        }
    }

    /// The first time a line containing `text` appeared.
    func time(ofLine text: String) -> Date? {
        lock.lock()
        defer { lock.unlock() }
        return timedLines.first { $0.1.contains(text) }?.0
    }

    func interrupt(_ signal: Int32 = SIGINT) {
        if process.isRunning { kill(process.processIdentifier, signal) }
    }

    func finish(timeout: Duration) async throws -> CommandResult {
        let pid = process.processIdentifier
        let deadline = ContinuousClock.now + timeout
        // Exit is read with waitpid: Foundation's own child monitoring proved unreliable here.
        var status: Int32 = 0
        while true {
            let reaped = waitpid(pid, &status, WNOHANG)
            if reaped == pid { break }
            if reaped < 0 {
                // Foundation reaped it first; its status is ready once it says so.
                process.waitUntilExit()
                status = process.terminationStatus << 8
                break
            }
            guard ContinuousClock.now < deadline else {
                kill(pid, SIGKILL)
                _ = waitpid(pid, &status, 0)
                throw ProjectFailure("\(process.executableURL!.lastPathComponent) did not finish within \(timeout)")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        // Let the last output arrive before reading it.
        try await Task.sleep(for: .milliseconds(50))
        output.fileHandleForReading.readabilityHandler = nil
        append(availableOutput())
        let exitCode = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return CommandResult(status: exitCode, output: collectedText())
    }

    /// What is left in the pipe, without waiting for writers that may outlive the command
    /// (the tasks it starts inherit nothing, but a hung read must never hang a test).
    private func availableOutput() -> Data {
        let descriptor = output.fileHandleForReading.fileDescriptor
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = read(descriptor, &buffer, buffer.count)
            if count <= 0 { break }
            data.append(contentsOf: buffer[0..<count])
        }
        return data
    }

    private func collectedText() -> String {
        lock.lock()
        defer { lock.unlock() }
        return (timedLines.map(\.1) + (buffer.isEmpty ? [] : [buffer])).joined(separator: "\n")
    }
}
