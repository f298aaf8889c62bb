import NIOCore

/// Next to the socket in an HTTP/2 connection's pipeline: the flushes asked for during one turn of
/// the event loop reach the socket as one, at the end of that turn, so the frames of calls made or
/// answered together leave in one write (the server's answers; the client's requests, which
/// otherwise cost a write each). grpc-swift's own coalescing holds flushes on a 100 µs timer
/// instead, which every lone call (one request at a time) waits out.
public final class LoopTurnFlushHandler: ChannelOutboundHandler {
    public typealias OutboundIn = ByteBuffer

    private var flushQueued = false
    private var removed = false

    public init() {}

    public func flush(context: ChannelHandlerContext) {
        guard !flushQueued else { return }
        flushQueued = true
        // Runs after the tasks already queued on the loop: the other calls' writes of this turn.
        context.eventLoop.assumeIsolated().execute { [self] in
            flushQueued = false
            if !removed { context.flush() }
        }
    }

    public func close(context: ChannelHandlerContext, mode: CloseMode, promise: EventLoopPromise<Void>?) {
        if flushQueued { context.flush() }
        context.close(mode: mode, promise: promise)
    }

    public func handlerRemoved(context: ChannelHandlerContext) { removed = true }
}
