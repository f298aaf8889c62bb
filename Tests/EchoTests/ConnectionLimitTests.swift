import Foundation
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// echo-server and echo-client, each allowed only 256 file descriptors, while the test holds
/// 300 idle or half-sent connections to each: both shed them (idle timeout, connection cap) and
/// still answer a fresh caller.
@Suite(.serialized) struct ConnectionLimitTests {
    static let limits = ["ECHO_IDLE_TIMEOUT": "2", "ECHO_MAX_CONNECTIONS": "100"]
    static let held = 300

    @Test("Hundreds of idle and half-sent connections leave both server and client answering")
    func idleAndHalfSentConnectionsAreShed() async throws {
        let (server, serverPort) = try await EchoPair.startServer(Self.limits, fileLimit: 256)
        defer { server.stop() }
        let (client, clientPort) = try await EchoPair.startClient(serverPort: serverPort, Self.limits, fileLimit: 256)
        defer { client.stop() }
        #expect(try await Self.get(port: clientPort, path: "/ping") == 200)

        // Half of them stop inside the HTTP/2 preface or the HTTP/1.1 headers.
        let toServer = try HeldSockets(count: Self.held, port: serverPort, partial: "PRI * HTTP/2.0\r\n")
        defer { toServer.closeAll() }
        let toClient = try HeldSockets(count: Self.held, port: clientPort, partial: "GET /?name=x HTTP/1.1\r\nHost: a\r\n")
        defer { toClient.closeAll() }

        // Still holding every socket: a fresh caller gets an answer from both, in bounded time.
        #expect(try await Self.eventually(port: clientPort, path: "/?name=fresh", within: .seconds(20)))
        #expect(try await Self.eventually(port: clientPort, path: "/ping", within: .seconds(5)))
        // Every held connection is closed by its peer (over the cap at once, the rest idle), not by the test.
        let deadline = ContinuousClock.now + .seconds(15)
        while ContinuousClock.now < deadline, toServer.closedByPeer() + toClient.closedByPeer() < 2 * Self.held {
            try await Task.sleep(for: .milliseconds(250))
        }
        #expect(toServer.closedByPeer() == Self.held)
        #expect(toClient.closedByPeer() == Self.held)
        #expect(try await Self.eventually(port: clientPort, path: "/?name=after", within: .seconds(10)))
    }

    @Test("Limits with values out of range are start-up errors")
    func badLimitsAreRefused() async throws {
        let server = try ManagedProcess(executable: "echo-server", environment: ["PORT": "0", "ECHO_MAX_CONNECTIONS": "0"])
        defer { server.stop() }
        #expect(await server.waitForExit() != 0)
        #expect(server.output.contains("ECHO_MAX_CONNECTIONS must be a number from 1.0 to 1000000.0, got '0'"))
    }

    /// True once a GET answers 200 before `within` runs out (each try bounded to 3 s).
    static func eventually(port: Int, path: String, within: Duration) async throws -> Bool {
        let deadline = ContinuousClock.now + within
        while ContinuousClock.now < deadline {
            if (try? await get(port: port, path: path)) == 200 { return true }
            try await Task.sleep(for: .milliseconds(250))
        }
        return false
    }

    static func get(port: Int, path: String) async throws -> Int {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
        request.timeoutInterval = 3
        let (_, response) = try await URLSession.shared.data(for: request)
        return (response as? HTTPURLResponse)?.statusCode ?? 0
    }
}
