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
        let (status, printed) = try await runPython([script.path, "127.0.0.1:\(port)"])
        #expect(status == 0)
        #expect(printed == "Hello, Python-san! (Said 127.0.0.1, Version \(echoServerVersion))\nSERVING\n")
    }
}
