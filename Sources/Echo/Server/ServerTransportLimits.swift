import EchoService
import EchoTransport
import GRPCNIOTransportHTTP2
import NIOCore

/// The gRPC server transport configured with the connection limits: a connection must send its
/// HTTP/2 preface within the idle timeout, a silent one is closed when it leaves keepalive pings
/// unanswered, an idle one is asked to leave, streams and messages are bounded, and connections
/// over the cap are closed as they are accepted, so file descriptors are never exhausted.
enum ServerTransportLimits {
    static func config(_ limits: ConnectionLimits) -> HTTP2ServerTransport.Posix.Config {
        let open = OpenConnections(limit: limits.maxConnections)
        return .defaults { config in
            let idle = Duration.milliseconds(Int64(limits.idleSeconds * 1000))
            // A peer silent for `idle` is pinged and closed if it does not answer within `idle`;
            // gRPC's graceful idle close alone would wait for a ping answer for ever.
            config.connection.keepalive.time = idle
            config.connection.keepalive.timeout = idle
            config.connection.maxIdleTime = idle * 3
            config.http2.maxConcurrentStreams = limits.maxConcurrentStreams
            config.rpc.maxRequestPayloadSize = limits.maxMessageBytes
            // Flushes are coalesced per turn of the event loop instead (LoopTurnFlushHandler).
            config.connection.flushCoalescing = nil
            config.channelDebuggingCallbacks.onAcceptTCPConnection = { channel in
                guard open.admit() else {
                    channel.close(promise: nil)
                    return channel.eventLoop.makeSucceededVoidFuture()
                }
                channel.closeFuture.whenComplete { _ in open.release() }
                return channel.eventLoop.makeCompletedFuture {
                    let pipeline = channel.pipeline.syncOperations
                    try pipeline.addHandler(LoopTurnFlushHandler(), position: .first)
                    // grpc-go clients send a PING per round trip under load; see PeerPingAnswerer.
                    try PeerPingAnswerer.install(in: pipeline, server: true)
                    try pipeline.addHandler(PrefaceDeadlineHandler(deadline: .milliseconds(Int64(limits.idleSeconds * 1000))), position: .first)
                }
            }
        }
    }
}
