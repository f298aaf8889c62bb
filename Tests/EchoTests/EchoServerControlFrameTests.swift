import Foundation
import Testing

/// echo-server against a client that sends a PING with every call, as grpc-go clients do under
/// load, three times past swift-nio-http2's default of 200 control frames in 30 s.
@Suite struct EchoServerControlFrameTests {
    @Test func aClientSendingAPingPerCallKeepsItsConnection() async throws {
        let (server, port) = try await EchoPair.startServer()
        defer { server.stop() }
        let client = try ManagedProcess(pythonFixture: "ping_per_call_client.py", arguments: [String(port), "600"])
        defer { client.stop() }
        #expect(await client.waitForExit() == 0)
        // Every call answered and every PING acknowledged on the one connection: no GOAWAY.
        #expect(client.output.contains("calls=600 answered=600 acks=600 goaways=0"), "\(client.output)")
    }
}
