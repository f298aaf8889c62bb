import Foundation
import Testing

/// Helpers the image and git tests share: scratch directories, running tools, package paths.
enum ImageTestSupport {
    /// The package root (this file is Tests/ToolboxTests/Image/ImageTestSupport.swift).
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A debug-built executable of this package (tests never trigger a release build).
    static func debugExecutable(_ name: String) -> URL {
        packageRoot.appendingPathComponent(".build/debug/\(name)")
    }

    static let fixtures = packageRoot.appendingPathComponent("Tests/ToolboxTests/Fixtures/Image")

    /// A fresh directory, removed by the caller with `removeScratch`.
    static func makeScratch(_ label: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("toolbox-\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func removeScratch(_ url: URL) {
        try? FileManager.default.removeItem(at: url)
    }

    struct ToolResult {
        var status: Int32
        var output: String
        var error: String
    }

    /// Runs a tool to completion, capturing its output.
    @discardableResult
    static func run(
        _ executable: String,
        _ arguments: [String],
        in directory: URL? = nil,
        environment: [String: String]? = nil,
        expectSuccess: Bool = true,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> ToolResult {
        let process = Process()
        // Bare names are looked up on PATH, as a shell would (python3 may live in /usr/local/bin).
        process.executableURL = URL(fileURLWithPath: executable.hasPrefix("/") ? executable : "/usr/bin/env")
        process.arguments = executable.hasPrefix("/") ? arguments : [executable] + arguments
        if let directory { process.currentDirectoryURL = directory }
        if let environment { process.environment = environment }
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Read both pipes concurrently so a chatty tool never blocks on a full pipe.
        nonisolated(unsafe) var errorData = Data()
        let errorReader = Thread { errorData = error.fileHandleForReading.readDataToEndOfFile() }
        errorReader.start()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !errorReader.isFinished { usleep(1000) }
        let result = ToolResult(
            status: process.terminationStatus,
            output: String(decoding: outputData, as: UTF8.self),
            error: String(decoding: errorData, as: UTF8.self)
        )
        if expectSuccess {
            #expect(
                result.status == 0,
                "\(executable) \(arguments.joined(separator: " ")): \(result.error)",
                sourceLocation: sourceLocation
            )
        }
        return result
    }

    /// Runs git in `directory` with a fixed identity, returning its trimmed output.
    @discardableResult
    static func git(_ arguments: [String], in directory: URL, environment extra: [String: String] = [:]) throws
        -> String
    {
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_AUTHOR_NAME"] = "Test Author"
        environment["GIT_AUTHOR_EMAIL"] = "author@example.invalid"
        environment["GIT_COMMITTER_NAME"] = "Test Author"
        environment["GIT_COMMITTER_EMAIL"] = "author@example.invalid"
        environment.merge(extra) { $1 }
        let result = try run("git", arguments, in: directory, environment: environment)
        return result.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A new git repository with one commit holding a version file at the echo server's path.
    static func makeRepository(version: String = "0.9") throws -> URL {
        let directory = try makeScratch("repo")
        try git(["init", "-q", "-b", "main"], in: directory)
        try git(["config", "user.name", "Test Author"], in: directory)
        try git(["config", "user.email", "author@example.invalid"], in: directory)
        try write(".toolbox/\n", to: ".gitignore", in: directory)
        try writeVersion(version, in: directory)
        try git(["add", "-A"], in: directory)
        try git(["commit", "-q", "-m", "initial"], in: directory)
        return directory
    }

    static func writeVersion(_ version: String, in directory: URL) throws {
        try write(
            "public let echoServerVersion = \"\(version)\"\n",
            to: "Sources/Echo/Version/EchoVersion.swift",
            in: directory
        )
    }

    static func write(_ text: String, to path: String, in directory: URL) throws {
        let file = directory.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
    }
}
