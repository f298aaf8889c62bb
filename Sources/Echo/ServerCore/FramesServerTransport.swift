import EchoService
import EchoTransport
import GRPCCore
import NIOCore
import NIOHPACK
import NIOHTTP2
import NIOPosix
import NIOSSL
import Synchronization

/// echo-server's gRPC transport: HTTP/2 on a listening socket it is given, each connection's calls
/// served as frames (`ServerCallsHandler`) and run through GRPCCore's router, interceptors and
/// deadlines like any transport's. It replaces grpc-swift's NIO transport, whose stream channel,
/// async channel and stream handler per call cost most of the server's CPU (docs/echo-bench.md).
///
/// The connection limits hold as before: a connection must send its preface within the idle
/// time, a silent one is pinged and closed when it does not answer, an idle one is sent away,
/// streams and messages are bounded, and connections over the cap are closed as they are accepted.
package final class FramesServerTransport: ServerTransport {
    package typealias Bytes = FrameBytes

    package struct Config: Sendable {
        /// A bound, listening TCP socket.
        package var listeningDescriptor: Int32
        package var limits: ConnectionLimits
        package var tls: NIOSSLContext?
        /// Where call tasks prefer to run; nil: Swift's pool.
        package var executor: (any TaskExecutor)?

        package init(listeningDescriptor: Int32, limits: ConnectionLimits, tls: NIOSSLContext? = nil, executor: (any TaskExecutor)? = nil) {
            self.listeningDescriptor = listeningDescriptor
            self.limits = limits
            self.tls = tls
            self.executor = executor
        }
    }

    private let config: Config
    private let group: MultiThreadedEventLoopGroup
    private let tracker = CallTracker()
    private let methods = Mutex<[String: MethodDescriptor]>([:])

    package init(config: Config, group: MultiThreadedEventLoopGroup = .singleton) {
        self.config = config
        self.group = group
    }

    /// The server's methods with their kinds: a unary request is read whole before its call starts.
    package func configure(context: GRPCServerContext) {
        let byPath = Dictionary(context.methods.map { ("/" + $0.fullyQualifiedMethod, $0) }, uniquingKeysWith: { first, _ in first })
        methods.withLock { $0 = byPath }
    }

    package func listen(streamHandler: @escaping ServerCallsHandler.StreamHandler) async throws {
        let connection = ConnectionSetup(
            config: config,
            methods: methods.withLock { $0 },
            open: OpenConnections(limit: config.limits.maxConnections),
            tracker: tracker,
            handler: streamHandler
        )
        let listener = try await ServerBootstrap(group: group)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture { try connection.configure(channel) }
            }
            .withBoundSocket(NIOBSDSocket.Handle(config.listeningDescriptor))
            .get()
        tracker.listening(on: listener)
        await withTaskCancellationHandler {
            await tracker.stopped()
        } onCancel: {
            tracker.abort()
        }
    }

    package func beginGracefulShutdown() { tracker.beginGracefulShutdown() }
}

/// One accepted connection's pipeline, from the socket in: the preface deadline, flushes once per
/// loop turn, TLS, the PING answerer, HTTP/2, keepalive, and the calls handler.
private struct ConnectionSetup: Sendable {
    let config: FramesServerTransport.Config
    let methods: [String: MethodDescriptor]
    let open: OpenConnections
    let tracker: CallTracker
    let handler: ServerCallsHandler.StreamHandler

    func configure(_ channel: any Channel) throws {
        guard open.admit() else {
            channel.close(promise: nil)
            return
        }
        channel.closeFuture.whenComplete { [open, tracker] _ in
            open.release()
            tracker.closed(channel)
        }
        let limits = config.limits
        let idle = TimeAmount.milliseconds(Int64(limits.idleSeconds * 1000))
        let pipeline = channel.pipeline.syncOperations
        try pipeline.addHandler(PrefaceDeadlineHandler(deadline: idle))
        try pipeline.addHandler(LoopTurnFlushHandler())
        if let tls = config.tls { try pipeline.addHandler(NIOSSLServerHandler(context: tls)) }
        try pipeline.addHandler(NIOHTTP2Handler(mode: .server, connectionConfiguration: Self.http2(limits)))
        // grpc-go clients send a PING per round trip under load; see PeerPingAnswerer.
        try PeerPingAnswerer.install(in: pipeline, server: true)
        try pipeline.addHandler(KeepaliveHandler(interval: idle, timeout: idle))
        let calls = ServerCallsHandler(
            settings: .init(maxMessageBytes: limits.maxMessageBytes, maxIdle: idle * 3),
            methods: methods,
            peers: (Self.peer(channel.remoteAddress), Self.peer(channel.localAddress)),
            executor: config.executor,
            tracker: tracker,
            handler: handler
        )
        try pipeline.addHandler(calls)
        if !tracker.opened(channel, calls: NIOLoopBound(calls, eventLoop: channel.eventLoop)) {
            channel.close(promise: nil)
        }
    }

    private static func http2(_ limits: ConnectionLimits) -> NIOHTTP2Handler.ConnectionConfiguration {
        var configuration = NIOHTTP2Handler.ConnectionConfiguration()
        configuration.initialSettings = [
            HTTP2Setting(parameter: .maxConcurrentStreams, value: limits.maxConcurrentStreams),
            HTTP2Setting(parameter: .maxHeaderListSize, value: HPACKDecoder.defaultMaxHeaderListSize),
        ]
        return configuration
    }

    /// gRPC's way of naming a peer: `ipv4:127.0.0.1:50051`, `ipv6:[::1]:50051`.
    static func peer(_ address: SocketAddress?) -> String {
        guard let address, let ip = address.ipAddress, let port = address.port else { return "unknown" }
        return address.protocol == .inet6 ? "ipv6:[\(ip)]:\(port)" : "ipv4:\(ip):\(port)"
    }
}

extension FramesServerTransport.Config {
    /// TLS from PEM files, offering HTTP/2 by ALPN as gRPC clients expect.
    package static func tls(certificateFile: String, keyFile: String) throws -> NIOSSLContext {
        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: try NIOSSLCertificate.fromPEMFile(certificateFile).map { .certificate($0) },
            privateKey: .privateKey(try NIOSSLPrivateKey(file: keyFile, format: .pem))
        )
        configuration.applicationProtocols = ["h2"]
        return try NIOSSLContext(configuration: configuration)
    }
}
