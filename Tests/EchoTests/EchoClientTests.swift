import EchoService
import EchoVersion
import Foundation
import Testing

/// The real echo-client process in front of the real echo-server, over loopback HTTP.
@Suite(.serialized) struct EchoClientTests {
    @Test func answersInTheOriginalFormat() async throws {
        let (server, serverPort) = try await EchoPair.startServer()
        defer { server.stop() }
        let (client, port) = try await EchoPair.startClient(serverPort: serverPort)
        defer { client.stop() }

        let reply = try await EchoPair.get(port: port, path: "/?name=Yusuke")
        #expect(reply.status == 200)
        #expect(reply.body == "Response from the server: Hello, Yusuke-san! (Said 127.0.0.1, Version \(echoServerVersion))")
        let spaced = try await EchoPair.get(port: port, path: "/?name=Yusuke+Izumi%20%E5%92%8C")
        #expect(spaced.body.contains("Hello, Yusuke Izumi 和-san!"))
        #expect(try await EchoPair.get(port: port, path: "/ping").status == 200)
        #expect(client.output.contains("Echo Client connecting to 127.0.0.1:\(serverPort)"))
    }

    @Test func aNameOver4KiBIsABadRequest() async throws {
        let (server, serverPort) = try await EchoPair.startServer()
        defer { server.stop() }
        let (client, port) = try await EchoPair.startClient(serverPort: serverPort)
        defer { client.stop() }
        let reply = try await EchoPair.get(port: port, path: "/?name=" + String(repeating: "n", count: 5000))
        #expect(reply.status == 400)
        #expect(reply.body == "bad request: name is 5000 bytes; at most 4096 are accepted\n")
    }

    @Test func aServerThatIsDownGivesA503InBoundedTime() async throws {
        // Take a free port and release it so that nothing listens there.
        let (server, deadPort) = try await EchoPair.startServer()
        server.stop()
        let (client, port) = try await EchoPair.startClient(serverPort: deadPort, ["ECHO_TIMEOUT": "1"])
        defer { client.stop() }
        let started = ContinuousClock.now
        let reply = try await EchoPair.get(port: port, path: "/?name=nobody")
        #expect(reply.status == 503)
        #expect(reply.body.hasPrefix("echo server "))
        #expect(reply.body.split(separator: "\n").count == 1)
        #expect(ContinuousClock.now - started < .seconds(5))
    }

    @Test func aFailingServerIsNeverA200() async throws {
        let (server, serverPort) = try await EchoPair.startServer(["ECHO_FAULT_FAIL_RATE": "1"])
        defer { server.stop() }
        let (client, port) = try await EchoPair.startClient(serverPort: serverPort)
        defer { client.stop() }
        let reply = try await EchoPair.get(port: port, path: "/?name=x")
        #expect(reply.status == 503)
        #expect(reply.body == "echo server unavailable: injected failure (ECHO_FAULT_FAIL_RATE)\n")
    }

    @Test func sigtermStopsTheClientCleanly() async throws {
        let (server, serverPort) = try await EchoPair.startServer()
        defer { server.stop() }
        let (client, port) = try await EchoPair.startClient(serverPort: serverPort)
        defer { client.stop() }
        #expect(try await EchoPair.get(port: port, path: "/ping").status == 200)
        client.signal(SIGTERM)
        #expect(await client.waitForExit() == 0)
        #expect(client.output.contains("Stopped"))
    }

    @Test func aHalfSentRequestDoesNotHoldUpSIGTERM() async throws {
        let (server, serverPort) = try await EchoPair.startServer()
        defer { server.stop() }
        // The idle timeout (120 s by default) would close the held connection; shutdown waits at
        // most the call deadline (1 s here) and a second.
        let (client, port) = try await EchoPair.startClient(serverPort: serverPort, ["ECHO_TIMEOUT": "1"])
        defer { client.stop() }
        let held = try HeldSockets(count: 2, port: port, partial: "GET /?name=x HTTP/1.1\r\nHost: a\r\n")
        defer { held.closeAll() }
        #expect(try await EchoPair.get(port: port, path: "/ping").status == 200)
        client.signal(SIGTERM)
        #expect(await client.waitForExit(timeout: .seconds(10)) == 0)
        #expect(client.output.contains("Stopped"))
    }
}
