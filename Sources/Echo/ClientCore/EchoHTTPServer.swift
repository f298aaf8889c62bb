import EchoService
import NIOCore
import NIOExtras
import NIOHTTP1
import NIOPosix
import ServiceLifecycle

/// The client's HTTP/1.1 server, on NIO directly: each connection is read, routed and answered on
/// its event loop, where that loop's gRPC connection makes the call (`EchoCaller`). Connections
/// over the cap are closed as they arrive; one idle, or with a request only partly sent, for longer
/// than the idle timeout is closed. At graceful shutdown it stops accepting, closes idle connections
/// and lets the requests being answered finish.
package struct EchoHTTPServer: Service {
    let caller: EchoCaller
    let limits: ConnectionLimits
    let host: String
    let port: Int
    let onListening: @Sendable (Int) -> Void

    package init(caller: EchoCaller, limits: ConnectionLimits, host: String, port: Int, onListening: @escaping @Sendable (Int) -> Void) {
        self.caller = caller
        self.limits = limits
        self.host = host
        self.port = port
        self.onListening = onListening
    }

    package func run() async throws {
        let group = MultiThreadedEventLoopGroup.singleton
        let quiescing = ServerQuiescingHelper(group: group)
        let connections = OpenConnections(limit: limits.maxConnections)
        let idle = TimeAmount.milliseconds(Int64(limits.idleSeconds * 1000))
        let caller = self.caller
        let listener = try await ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .serverChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(quiescing.makeServerChannelHandler(channel: channel))
                }
            }
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let pipeline = channel.pipeline.syncOperations
                    try pipeline.addHandler(ConnectionCapHandler(connections: connections))
                    try pipeline.configureHTTPServerPipeline(withErrorHandling: true)
                    try pipeline.addHandler(IdleStateHandler(readTimeout: idle))
                    try pipeline.addHandler(EchoHTTPHandler(caller: caller))
                }
            }
            .bind(host: host, port: port)
            .get()
        onListening(listener.localAddress?.port ?? port)
        // Returns at graceful shutdown, or throws when the group is cancelled: stop either way.
        try? await gracefulShutdown()
        let closed = listener.eventLoop.makePromise(of: Void.self)
        quiescing.initiateShutdown(promise: closed)
        try await closed.futureResult.get()
    }
}
