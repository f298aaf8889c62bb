import Foundation
import Testing

@testable import ToolboxCore

/// Debian's docker-registry on a free loopback port with its own storage, optionally behind
/// htpasswd basic authorization; stopped by PID.
final class TestRegistry {
    let directory: URL
    let port: Int
    private let process: Process

    var address: String { "127.0.0.1:\(port)" }

    init(basicLogin: (user: String, password: String)? = nil) throws {
        directory = try ImageTestSupport.makeScratch("registry")
        port = try Self.freeLoopbackPort()
        var configuration = """
            version: 0.1
            log:
              level: warn
            storage:
              filesystem:
                rootdirectory: \(directory.path)/storage
            http:
              addr: 127.0.0.1:\(port)
              secret: toolbox-tests-only

            """
        if let basicLogin {
            let passwords = directory.appendingPathComponent("htpasswd")
            try ImageTestSupport.run(
                "htpasswd",
                ["-B", "-b", "-c", passwords.path, basicLogin.user, basicLogin.password]
            )
            configuration += "auth:\n  htpasswd:\n    realm: toolbox-tests\n    path: \(passwords.path)\n"
        }
        let configurationFile = directory.appendingPathComponent("config.yml")
        try Data(configuration.utf8).write(to: configurationFile)
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/docker-registry")
        process.arguments = ["serve", configurationFile.path]
        let log = directory.appendingPathComponent("registry.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let logHandle = try FileHandle(forWritingTo: log)
        process.standardOutput = logHandle
        process.standardError = logHandle
        try process.run()
        do {
            try waitUntilListening()
        } catch {
            stop()
            throw error
        }
    }

    /// SIGTERM to the registry's PID, then waits for it, and removes its storage.
    func stop() {
        if process.isRunning { kill(process.processIdentifier, SIGTERM) }
        process.waitUntilExit()
        ImageTestSupport.removeScratch(directory)
    }

    private func waitUntilListening() throws {
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            guard process.isRunning else { throw ImageError("docker-registry exited at start") }
            if Self.canConnect(port: port) { return }
            usleep(50_000)
        }
        throw ImageError("docker-registry did not listen on \(address) within 20 s")
    }

    /// A port the kernel just handed out on 127.0.0.1 (released for the registry to take).
    static func freeLoopbackPort() throws -> Int {
        let socketDescriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socketDescriptor) }
        var address = loopbackAddress(port: 0)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(socketDescriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0 else { throw ImageError("cannot bind a loopback port") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socketDescriptor, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    static func canConnect(port: Int) -> Bool {
        let socketDescriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socketDescriptor) }
        var address = loopbackAddress(port: port)
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socketDescriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        } == 0
    }

    private static func loopbackAddress(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = UInt32(0x7f00_0001).bigEndian
        return address
    }
}
