import EchoService
import GRPCCore
import EchoServerCore
import NIOPosix
import ServiceLifecycle

/// The gRPC server as a service of the group. Its graceful shutdown turns health NOT_SERVING at
/// once and refuses new calls; calls in flight get `drainSeconds` to finish, then are cancelled.
struct GRPCServerService: Service {
    let server: GRPCServer<FramesServerTransport>
    let health: HealthService
    let drainSeconds: Double

    /// Calls run on the loop that woke them while it is not busy (`WakingLoopTaskExecutor`): one
    /// request at a time then costs no hop to Swift's pool and back. A busy loop spills calls to the
    /// pool, so one busy connection still uses every CPU; on one CPU nothing spills.
    static func callExecutor() -> any TaskExecutor {
        let oneLoop = Array(MultiThreadedEventLoopGroup.singleton.makeIterator()).count == 1
        return WakingLoopTaskExecutor(group: .singleton, spillAfter: oneLoop ? nil : spillAfter)
    }

    /// Calls queued on one loop before more go to the pool (set by the bench: docs/echo-bench.md).
    static let spillAfter = 4

    func run() async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await withGracefulShutdownHandler {
                    try await server.serve()
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
