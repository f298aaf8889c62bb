import GRPCCore
import GRPCNIOTransportHTTP2
import ServiceLifecycle

/// Runs the gRPC client's connections inside the application's service group, so that SIGTERM
/// closes them only after the HTTP server has finished its open requests.
package struct GRPCClientService: Service {
    let client: GRPCClient<HTTP2ClientTransport.Posix>

    package init(client: GRPCClient<HTTP2ClientTransport.Posix>) { self.client = client }

    package func run() async throws {
        try await withGracefulShutdownHandler {
            try await client.runConnections()
        } onGracefulShutdown: {
            client.beginGracefulShutdown()
        }
    }
}
