import EchoService
import GRPCCore
import GRPCNIOTransportHTTP2
import NIOPosix
import ServiceLifecycle

/// The gRPC server as a service of the group. Its graceful shutdown turns health NOT_SERVING at
/// once and refuses new calls; calls in flight get `drainSeconds` to finish, then are cancelled.
struct GRPCServerService: Service {
    let server: GRPCServer<HTTP2ServerTransport.Posix>
    let health: HealthService
    let drainSeconds: Double

    func run() async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await withGracefulShutdownHandler {
                    // Every connection's and call's task inherits the preference.
                    try await withTaskExecutorPreference(WakingLoopTaskExecutor(group: .singleton)) {
                        try await server.serve()
                    }
                } onGracefulShutdown: {
                    health.shutDown()
                    server.beginGracefulShutdown()
                }
            }
            group.addTask {
                // Cancelled when the server stops first; until shutdown begins it only waits.
                try await gracefulShutdown()
                try await Task.sleep(for: .seconds(drainSeconds))
                EchoLog.say("Drain time over: cancelling the calls still in flight")
            }
            // Whichever ends first, the server or the drain time, the other is cancelled.
            try await group.next()
            group.cancelAll()
        }
    }
}
