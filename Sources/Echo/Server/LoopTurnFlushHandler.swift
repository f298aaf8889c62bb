import NIOCore

/// Next to the socket in each accepted connection's pipeline: the flushes asked for during one
/// turn of the event loop reach the socket as one, at the end of that turn, so the answers of
/// calls finishing together leave in one write. grpc-swift's own coalescing holds flushes on a
/// 100 µs timer instead, which every lone call (one request at a time) waits out.
final class LoopTurnFlushHandler: ChannelOutboundHandler {
    typealias OutboundIn = ByteBuffer

    private var flushQueued = false
    private var removed = false

    func flush(context: ChannelHandlerContext) {
        guard !flushQueued else { return }
        flushQueued = true
        // Runs after the tasks already queued on the loop: the other calls' writes of this turn.
        context.eventLoop.assumeIsolated().execute { [self] in
            flushQueued = false
            if !removed { context.flush() }
        }
    }

    func close(context: ChannelHandlerContext, mode: CloseMode, promise: EventLoopPromise<Void>?) {
        if flushQueued { context.flush() }
        context.close(mode: mode, promise: promise)
    }

    func handlerRemoved(context: ChannelHandlerContext) { removed = true }
}
