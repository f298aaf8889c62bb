import EchoClientCore
import EchoService
import Testing

/// The client forwards the canary header (CANARY_HEADER, default x-canary) to its gRPC call as
/// metadata, and sends none when the request has none.
@Suite struct CanaryHeaderTests {
    static func get(_ headers: [String: String], _ environment: [String: String] = [:]) async throws -> String {
        try await withInProcessServer(services: [MetadataReportingEcho()]) { port in
            try await withInProcessFront(serverPort: port, environment) { front in
                let reply = try await EchoPair.get(port: front, path: "/?name=x", headers: headers)
                #expect(reply.status == 200)
                return reply.body
            }
        }
    }

    @Test func theCanaryHeaderIsSentAsMetadata() async throws {
        #expect(try await Self.get(["X-Canary": "blue"]) == "Response from the server: x-canary=blue")
    }

    @Test func withoutTheHeaderNoMetadataIsSent() async throws {
        #expect(try await Self.get(["x-other": "1"]) == "Response from the server: none")
    }

    @Test func CANARY_HEADERNamesTheHeader() async throws {
        #expect(try await Self.get(["x-lane": "green", "x-canary": "blue"], ["CANARY_HEADER": "X-Lane"]) == "Response from the server: x-lane=green")
    }

    @Test(arguments: ["", "grpc-canary", "x-canary-bin", "te", "x canary", "x:canary"])
    func aNameThatCannotBeMetadataIsRefused(name: String) {
        #expect(throws: ConfigurationError.self) {
            try ClientSettings(environment: ["CANARY_HEADER": name])
        }
    }
}
