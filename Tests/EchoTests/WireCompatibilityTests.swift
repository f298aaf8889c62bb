import EchoService
import EchoVersion
import Foundation
import Testing

/// Python's grpcio, an implementation that shares no code with ours, calls our server.
@Suite struct WireCompatibilityTests {
    @Test func grpcioCallsEchoAndHealth() async throws {
        let (server, port) = try await EchoPair.startServer()
        defer { server.stop() }
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/grpc_peer.py")
        let peer = Process()
        peer.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        peer.arguments = ["python3", script.path, "127.0.0.1:\(port)"]
        let output = Pipe()
        peer.standardOutput = output
        try peer.run()
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        peer.waitUntilExit()
        #expect(peer.terminationStatus == 0)
        #expect(printed == "Hello, Python-san! (Said 127.0.0.1, Version \(echoServerVersion))\nSERVING\n")
    }
}
