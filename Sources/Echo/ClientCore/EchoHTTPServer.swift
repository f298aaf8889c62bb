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
/// and lets the requests being answered finish (for at most the call deadline and a second).
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
                    // Pipelined requests are queued and answered in order by EchoHTTPHandler, which
                    // also handles quiescing (NIO's pipelining assistance crashed when a connection
                    // holding half a request was quiesced: "Wrote in quiescing completed state").
                    try pipeline.configureHTTPServerPipeline(withPipeliningAssistance: false, withErrorHandling: true)
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
        // Requests being answered end within the call deadline; a connection holding a request
        // only partly sent would keep quiescing waiting until the idle timeout: not waited for.
        let answeringTime = TimeAmount.milliseconds(Int64((caller.timeoutSeconds + 1) * 1000))
        let giveUp = listener.eventLoop.scheduleTask(in: answeringTime) { closed.succeed() }
        try await closed.futureResult.get()
        giveUp.cancel()
    }
}
