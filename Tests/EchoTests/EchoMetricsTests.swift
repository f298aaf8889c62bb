import EchoService
import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2
import Testing

/// echo-server with METRICS_EMF_SECONDS: the EMF lines on its standard output add up to the
/// calls a client made and saw fail, and each is the JSON CloudWatch expects.
@Suite(.serialized) struct EchoMetricsTests {
    static let metricsOn = [
        "METRICS_EMF_SECONDS": "1", "ECHO_FAULT_FAIL_RATE": "0.3", "ECHO_VERSION": "2.5", "METRICS_REVISION": "2.5-abc1234",
    ]

    @Test func emfLinesAddUpToTheCallsMadeAndFailed() async throws {
        let (server, port) = try await EchoPair.startServer(Self.metricsOn)
        defer { server.stop() }
        // The first interval passes without calls: it still writes a line (zeros).
        _ = try await server.waitForLine(containing: #"{"_aws""#, timeout: .seconds(5))
        let (made, unavailable) = try await withGRPCClient(port: port) { client in
            var made = 0
            var unavailable = 0
            let echo = Proto_Echo_EchoService.Client(wrapping: client)
            for round in 0..<3 {
                for call in 0..<50 {
                    made += 1
                    do {
                        _ = try await echo.echo(.with { $0.name = "r\(round)c\(call)" })
                    } catch let error as RPCError where error.code == .unavailable {
                        unavailable += 1
                    }
                }
                try await Task.sleep(for: .milliseconds(700))  // calls spread over several intervals
            }
            await #expect(throws: RPCError.self) {
                try await echo.echo(.with { $0.name = String(repeating: "n", count: 5000) })
            }
            // Health checks are not Echo calls: not counted.
            _ = try await Grpc_Health_V1_Health.Client(wrapping: client).check(.with { $0.service = "" })
            return (made + 1, unavailable)
        }
        #expect(unavailable > 0 && unavailable < made)
        server.signal(SIGTERM)
        #expect(await server.waitForExit() == 0)

        let lines = server.output.split(separator: "\n").filter { $0.hasPrefix("{") }
        let documents = try lines.map { try Self.emfDocument(String($0)) }
        #expect(documents.count >= 4)
        #expect(documents.first?["Calls"] as? Int == 0)
        #expect(documents.map { $0["Calls"] as? Int ?? -1 }.reduce(0, +) == made)
        #expect(documents.map { $0["Errors"] as? Int ?? -1 }.reduce(0, +) == unavailable + 1)
        #expect(documents.map { $0["UNAVAILABLE"] as? Int ?? 0 }.reduce(0, +) == unavailable)
        #expect(documents.map { $0["INVALID_ARGUMENT"] as? Int ?? 0 }.reduce(0, +) == 1)
        for document in documents {
            #expect(document["Service"] as? String == "echo-server")
            #expect(document["Revision"] as? String == "2.5-abc1234")
        }
        // The last line comes after the stop signal: the shutdown line, written once drained.
        let output = server.output
        let stop = try #require(output.range(of: "Received SIGTERM"))
        #expect(output.range(of: String(lines.last!))!.lowerBound > stop.lowerBound)
    }

    @Test func withoutMETRICS_EMF_SECONDSNothingIsWritten() async throws {
        let (server, port) = try await EchoPair.startServer()
        defer { server.stop() }
        _ = try await withGRPCClient(port: port) { client in
            try await Proto_Echo_EchoService.Client(wrapping: client).echo(.with { $0.name = "quiet" })
        }
        try await Task.sleep(for: .milliseconds(1200))
        server.signal(SIGTERM)
        #expect(await server.waitForExit() == 0)
        #expect(!server.output.contains("{"))
    }

    @Test(arguments: [
        ["METRICS_EMF_SECONDS": "0"], ["METRICS_EMF_SECONDS": "soon"],
        ["METRICS_EMF_SECONDS": "5", "METRICS_NAMESPACE": "AWS/Echo"],
        ["METRICS_EMF_SECONDS": "5", "METRICS_NAMESPACE": "Echo!"],
        ["METRICS_EMF_SECONDS": "5", "METRICS_REVISION": ""],
    ])
    func badMetricsSettingsAreOneLineErrors(environment: [String: String]) async throws {
        let server = try ManagedProcess(executable: "echo-server", environment: ["PORT": "0"].merging(environment) { $1 })
        defer { server.stop() }
        #expect(await server.waitForExit() == 1)
        let errors = server.output.split(separator: "\n").filter { $0.hasPrefix("error: METRICS_") }
        #expect(errors.count == 1, "\(server.output)")
    }

    /// One EMF line parsed, after checking the `_aws` metadata CloudWatch requires and that every
    /// metric it declares is a number at the root.
    static func emfDocument(_ line: String) throws -> [String: Any] {
        let document = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        let aws = try #require(document["_aws"] as? [String: Any])
        let timestamp = try #require(aws["Timestamp"] as? Int)
        #expect(abs(Double(timestamp) / 1000 - Date().timeIntervalSince1970) < 120)
        let directives = try #require(aws["CloudWatchMetrics"] as? [[String: Any]])
        #expect(directives.count == 1)
        let directive = try #require(directives.first)
        #expect(directive["Namespace"] as? String == "EchoToolbox")
        #expect(directive["Dimensions"] as? [[String]] == [["Service", "Revision"]])
        let metrics = try #require(directive["Metrics"] as? [[String: String]])
        #expect(metrics.prefix(2).map { $0["Name"] } == ["Calls", "Errors"])
        for metric in metrics {
            #expect(metric["Unit"] == "Count")
            #expect(document[metric["Name"] ?? ""] is Int, "\(line)")
        }
        return document
    }
}
