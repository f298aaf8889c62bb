import Foundation

/// A process started by a test: its output goes to a log file the test can wait on, and it is
/// always stopped by PID, by the test, on success and on failure.
final class ManagedProcess: @unchecked Sendable {
    let process = Process()
    let logURL: URL

    /// The folder holding the package's built executables (the test bundle lives there too).
    static var binDirectory: URL {
        URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
    }

    /// `fileLimit` starts the executable with that many file descriptors at most (soft and hard),
    /// through `sh -c 'ulimit -n N && exec ...'`: the PID stays the executable's.
    convenience init(executable: String, environment: [String: String], fileLimit: Int? = nil) throws {
        let path = Self.binDirectory.appendingPathComponent(executable)
        guard let fileLimit else {
            try self.init(url: path, environment: environment)
            return
        }
        try self.init(
            url: URL(fileURLWithPath: "/bin/sh"), arguments: ["-c", "ulimit -n \(fileLimit) && exec \"$0\"", path.path],
            environment: environment)
    }

    /// A fixture script from Tests/EchoTests/Fixtures, run by python3.
    convenience init(pythonFixture name: String, arguments: [String] = []) throws {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/\(name)")
        try self.init(url: URL(fileURLWithPath: "/usr/bin/env"), arguments: ["python3", script.path] + arguments, environment: [:])
    }

    init(url: URL, arguments: [String] = [], environment: [String: String]) throws {
        logURL = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(url.lastPathComponent)-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: logURL.path, contents: nil)
        let log = try FileHandle(forWritingTo: logURL)
        process.executableURL = url
        process.arguments = arguments
        var merged = ProcessInfo.processInfo.environment
        merged.merge(environment) { $1 }
        process.environment = merged
        process.standardOutput = log
        process.standardError = log
        try process.run()
    }

    var pid: Int32 { process.processIdentifier }
    var output: String { (try? String(contentsOf: logURL, encoding: .utf8)) ?? "" }

    /// Waits until a line of the output contains `text` and returns that line.
    func waitForLine(containing text: String, timeout: Duration = .seconds(60)) async throws -> String {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let line = output.split(separator: "\n").first(where: { $0.contains(text) }) {
                return String(line)
            }
            guard process.isRunning else { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw TestFailure("no line containing '\(text)' from \(process.executableURL?.lastPathComponent ?? "?"); output:\n\(output)")
    }

    /// The port printed in a start-up line such as "Starting on port: 43121, ssl: false".
    func waitForPort(after prefix: String) async throws -> Int {
        let line = try await waitForLine(containing: prefix)
        let digits = line.components(separatedBy: prefix)[1].prefix { $0.isNumber }
        guard let port = Int(digits) else { throw TestFailure("no port in '\(line)'") }
        return port
    }

    func signal(_ number: Int32) {
        if process.isRunning { kill(pid, number) }
    }

    /// Waits for exit and returns the status, killing the process if it outlives the timeout.
    func waitForExit(timeout: Duration = .seconds(15)) async -> Int32 {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        if process.isRunning { stop() }
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// Stops the process now (SIGKILL) and reaps it; safe to call more than once.
    func stop() {
        if process.isRunning {
            kill(pid, SIGKILL)
        }
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: logURL)
    }
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
