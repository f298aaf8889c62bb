import GRPCCore
import GRPCNIOTransportHTTP2

/// Runs `body` with a gRPC server of `services` listening on a free loopback port in this
/// process; the server is shut down when `body` returns or throws.
func withInProcessServer<Result: Sendable>(
    services: [any RegistrableRPCService],
    _ body: (_ port: Int) async throws -> Result
) async throws -> Result {
    let transport = HTTP2ServerTransport.Posix(address: .ipv4(host: "127.0.0.1", port: 0), transportSecurity: .plaintext)
    return try await withGRPCServer(transport: transport, services: services) { _ in
        guard let port = try await transport.listeningAddress.ipv4?.port else {
            throw TestFailure("the in-process server has no IPv4 address")
        }
        return try await body(port)
    }
}
