import EchoService
import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2
import Testing

/// echo-server's graceful stop through its service group: either stop signal, a bounded drain,
/// and a second signal that changes nothing.
@Suite(.serialized) struct EchoServerShutdownTests {
    @Test func sigintStopsTheServerAsSIGTERMDoes() async throws {
        let (server, port) = try await EchoPair.startServer()
        defer { server.stop() }
        let reply = try await withGRPCClient(port: port) { client in
            try await Proto_Echo_EchoService.Client(wrapping: client).echo(.with { $0.name = "before" })
        }
        #expect(reply.message.hasPrefix("Hello, before-san!"))
        server.signal(SIGINT)
        #expect(await server.waitForExit() == 0)
        #expect(server.output.contains("Received SIGINT: not serving, draining calls in flight (at most 5.0s)"))
        #expect(server.output.contains("Stopped"))
    }

    @Test func aCallLongerThanTheDrainTimeIsCancelledAndASecondSignalChangesNothing() async throws {
        let (server, port) = try await EchoPair.startServer(["ECHO_FAULT_CALL_DELAY": "30", "DRAIN_SECONDS": "1"])
        defer { server.stop() }
        let started = ContinuousClock.now
        await #expect(throws: RPCError.self) {
            try await withGRPCClient(port: port) { client in
                let echo = Proto_Echo_EchoService.Client(wrapping: client)
                async let slow = echo.echo(.with { $0.name = "slow" })
                try await Task.sleep(for: .milliseconds(300))
                server.signal(SIGTERM)
                _ = try await server.waitForLine(containing: "Received SIGTERM")
                server.signal(SIGTERM)
                return try await slow
            }
        }
        #expect(await server.waitForExit() == 0)
        #expect(ContinuousClock.now - started < .seconds(10))
        #expect(server.output.contains("Drain time over: cancelling the calls still in flight"))
        #expect(server.output.components(separatedBy: "Received SIGTERM").count == 2)
        #expect(server.output.contains("Stopped"))
    }
}
