import EchoClientCore
import EchoService
import Hummingbird
import HummingbirdTesting
import Testing

/// The client's routes driven in process (Hummingbird's router test framework), calling a real
/// echo service over loopback gRPC: no echo-client executable.
@Suite struct EchoRoutesTests {
    /// Runs `body` with a test client of the routes, their caller pointed at `serverPort`.
    static func withRoutes(
        serverPort: Int,
        _ environment: [String: String] = [:],
        _ body: @Sendable (any TestClientProtocol) async throws -> Void
    ) async throws {
        var settings = ["ECHO_HOST": "127.0.0.1:\(serverPort)"]
        settings.merge(environment) { $1 }
        let caller = try EchoCaller(settings: ClientSettings(environment: settings))
        let app = Application(router: EchoRoutes.router(caller: caller), services: [ServerConnectionsService(caller: caller)])
        try await app.test(.router, body)
    }

    @Test func aNameIsAnsweredInTheOriginalFormatAndPingIsPong() async throws {
        try await withInProcessServer(services: [EchoServiceProvider(address: "10.0.0.7", version: "9.9")]) { port in
            try await Self.withRoutes(serverPort: port) { client in
                try await client.execute(uri: "/?name=x", method: .get) { response in
                    #expect(response.status == .ok)
                    #expect(String(buffer: response.body) == "Response from the server: Hello, x-san! (Said 10.0.0.7, Version 9.9)")
                    #expect(response.headers[.contentType] == "text/plain; charset=utf-8")
                }
                try await client.execute(uri: "/ping", method: .get) { response in
                    #expect(response.status == .ok)
                    #expect(String(buffer: response.body) == "pong\n")
                }
            }
        }
    }

    @Test func aNameTheServerRefusesIsABadRequest() async throws {
        try await withInProcessServer(services: [EchoServiceProvider(address: "10.0.0.7", version: "9.9")]) { port in
            try await Self.withRoutes(serverPort: port) { client in
                try await client.execute(uri: "/?name=" + String(repeating: "n", count: 4097), method: .get) { response in
                    #expect(response.status == .badRequest)
                    #expect(String(buffer: response.body) == "bad request: name is 4097 bytes; at most 4096 are accepted\n")
                }
            }
        }
    }

    @Test func aServerSlowerThanTheTimeoutIsA503NamingIt() async throws {
        let slow = FaultInjection(callDelaySeconds: 5)
        try await withInProcessServer(services: [EchoServiceProvider(address: "10.0.0.7", version: "9.9", faults: slow)]) { port in
            try await Self.withRoutes(serverPort: port, ["ECHO_TIMEOUT": "0.5"]) { client in
                try await client.execute(uri: "/?name=x", method: .get) { response in
                    #expect(response.status == .serviceUnavailable)
                    #expect(String(buffer: response.body) == "echo server did not answer within 0.5s\n")
                }
            }
        }
    }
}
