import GRPCCore
import GRPCNIOTransportHTTP2
import ServiceLifecycle

/// Runs the gRPC clients' connections inside the application's service group, so that SIGTERM
/// closes them only after the HTTP server has finished its open requests.
package struct GRPCClientService: Service {
    let clients: [GRPCClient<HTTP2ClientTransport.Posix>]

    package init(clients: [GRPCClient<HTTP2ClientTransport.Posix>]) { self.clients = clients }

    package func run() async throws {
        try await withGracefulShutdownHandler {
            try await withThrowingDiscardingTaskGroup { group in
                for client in clients {
                    group.addTask { try await client.runConnections() }
                }
            }
        } onGracefulShutdown: {
            for client in clients { client.beginGracefulShutdown() }
        }
    }
}
