import Foundation
import Testing

/// echo-client's own gRPC calls (UnaryCallsHandler, ServerConnection) against servers that share no
/// code with it: Python's grpcio, and a scripted HTTP/2 server that sends GOAWAY.
@Suite(.serialized) struct EchoClientInteropTests {
    @Test func aGrpcioServerIsCalledWithItsStatusesAndMetadataUnderstood() async throws {
        let server = try ManagedProcess(pythonFixture: "grpcio_echo_server.py")
        defer { server.stop() }
        let serverPort = try await server.waitForPort(after: "Listening to port: ")
        let (client, port) = try await EchoPair.startClient(serverPort: serverPort)
        defer { client.stop() }

        let hello = try await EchoPair.get(port: port, path: "/?name=Yusuke")
        #expect(hello.status == 200 && hello.body == "Response from the server: Hello, Yusuke-san! (grpcio)", "\(hello)")
        // A status with a message grpcio percent-encodes (the % sign and non-ASCII letters).
        let refused = try await EchoPair.get(port: port, path: "/?name=refuse")
        #expect(refused.status == 400 && refused.body == "bad request: name 'refuse' is 100% refused, Åsa\n", "\(refused)")
        // UNAVAILABLE once, then answered: the client's retry.
        let flaky = try await EchoPair.get(port: port, path: "/?name=flaky-1")
        #expect(flaky.status == 200 && flaky.body == "Response from the server: Hello, flaky-1-san! (grpcio)", "\(flaky)")
        let canary = try await EchoPair.get(port: port, path: "/?name=canary", headers: ["X-Canary": "blue"])
        #expect(canary.body == "Response from the server: canary=blue", "\(canary)")
    }

    @Test func aServerSendingGoawayLosesNoCall() async throws {
        let peer = try ManagedProcess(pythonFixture: "control_frame_peer.py", arguments: ["--goaway-every", "20"])
        defer { peer.stop() }
        let peerPort = try await peer.waitForPort(after: "Listening to port: ")
        let (client, port) = try await EchoPair.startClient(serverPort: peerPort)
        defer { client.stop() }

        let statuses = try await withThrowingTaskGroup(of: [Int].self) { group in
            for worker in 0..<4 {
                group.addTask {
                    var seen: [Int] = []
                    for _ in 0..<50 {
                        let reply = try await EchoPair.get(port: port, path: "/?name=w\(worker)")
                        #expect(reply.body == "Response from the server: Hello, w\(worker)-san!", "\(reply)")
                        seen.append(reply.status)
                    }
                    return seen
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        #expect(statuses.count == 200 && statuses.allSatisfy { $0 == 200 })

        peer.signal(SIGTERM)
        #expect(await peer.waitForExit() == 0)
        let summary = try #require(peer.output.split(separator: "\n").last { $0.hasPrefix("connections=") })
        // Every connection went away after 20 calls: the client made new ones and retried the
        // calls the server had left unanswered.
        #expect(summary.contains("goaways=") && !summary.contains("goaways=0"), "\(summary)")
        let connections = Int(summary.split(separator: " ")[0].dropFirst("connections=".count)) ?? 0
        #expect(connections >= 200 / 20, "\(summary)")
    }
}
