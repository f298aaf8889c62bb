import EchoClientCore
import EchoService
import Hummingbird
import HummingbirdTesting
import Testing

/// The client forwards the canary header (CANARY_HEADER, default x-canary) to its gRPC call as
/// metadata, and sends none when the request has none.
@Suite struct CanaryHeaderTests {
    static func get(_ headers: HTTPFields, _ environment: [String: String] = [:]) async throws -> String {
        try await withInProcessServer(services: [MetadataReportingEcho()]) { port in
            let reply = MetadataReply()
            try await EchoRoutesTests.withRoutes(serverPort: port, environment) { client in
                try await client.execute(uri: "/?name=x", method: .get, headers: headers) { response in
                    #expect(response.status == .ok)
                    reply.body = String(buffer: response.body)
                }
            }
            return reply.body
        }
    }

    @Test func theCanaryHeaderIsSentAsMetadata() async throws {
        #expect(try await Self.get([Header("X-Canary")!: "blue"]) == "Response from the server: x-canary=blue")
    }

    @Test func withoutTheHeaderNoMetadataIsSent() async throws {
        #expect(try await Self.get([Header("x-other")!: "1"]) == "Response from the server: none")
    }

    @Test func CANARY_HEADERNamesTheHeader() async throws {
        let headers: HTTPFields = [Header("x-lane")!: "green", Header("x-canary")!: "blue"]
        #expect(try await Self.get(headers, ["CANARY_HEADER": "X-Lane"]) == "Response from the server: x-lane=green")
    }

    @Test(arguments: ["", "grpc-canary", "x-canary-bin", "te", "x canary", "x:canary"])
    func aNameThatCannotBeMetadataIsRefused(name: String) {
        #expect(throws: ConfigurationError.self) {
            try ClientSettings(environment: ["CANARY_HEADER": name])
        }
    }
}

/// A header name (HTTPTypes' HTTPField.Name, which Hummingbird exports through HTTPFields).
typealias Header = HTTPFields.Element.Name

/// Carries the body out of the test client's @Sendable closure.
final class MetadataReply: @unchecked Sendable {
    var body = ""
}
