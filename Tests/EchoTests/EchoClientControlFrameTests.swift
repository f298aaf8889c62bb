import Foundation
import NIOCore
import Testing

/// echo-client against a server that sends control frames as grpc-go does under load (a PING and
/// WINDOW_UPDATEs per request), far past swift-nio-http2's default of 200 in 30 s.
@Suite(.serialized) struct EchoClientControlFrameTests {
    @Test func aServerSendingAPingPerCallKeepsItsConnectionsAndFailsNoCall() async throws {
        let peer = try ManagedProcess(pythonFixture: "control_frame_peer.py")
        defer { peer.stop() }
        let peerPort = try await peer.waitForPort(after: "Listening to port: ")
        let (client, port) = try await EchoPair.startClient(serverPort: peerPort)
        defer { client.stop() }

        let calls = 480
        let statuses = try await withThrowingTaskGroup(of: [Int].self) { group in
            for worker in 0..<8 {
                group.addTask {
                    var seen: [Int] = []
                    for _ in 0..<(calls / 8) {
                        let reply = try await EchoPair.get(port: port, path: "/?name=w\(worker)")
                        #expect(reply.body == "Response from the server: Hello, w\(worker)-san!", "\(reply)")
                        seen.append(reply.status)
                    }
                    return seen
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        #expect(statuses.count == calls)
        #expect(statuses.allSatisfy { $0 == 200 })

        try await Task.sleep(for: .milliseconds(300))  // the last PING's ACK is still on its way
        peer.signal(SIGTERM)
        #expect(await peer.waitForExit() == 0)
        let summary = try #require(peer.output.split(separator: "\n").last { $0.hasPrefix("connections=") })
        let counts = Dictionary(uniqueKeysWithValues: summary.split(separator: " ").map {
            let pair = $0.split(separator: "=")
            return (String(pair[0]), Int(pair[1]) ?? -1)
        })
        // One connection per event loop of the client (EchoCaller), and never a reconnect.
        #expect((1...System.coreCount).contains(counts["connections"] ?? 0), "\(summary)")
        #expect(counts["pings"] ?? 0 >= calls, "\(summary)")
        #expect(counts["acks"] == counts["pings"], "\(summary)")
        #expect(counts["bad_acks"] == 0, "\(summary)")
    }
}
