import NIOCore

/// First in each accepted connection's pipeline: closes the connection unless the client's
/// whole HTTP/2 preface (24 bytes) arrives within `deadline`, then steps aside. gRPC's own
/// timers only start once a connection speaks HTTP/2, so a silent or half-sent one would
/// otherwise hold its file descriptor for ever.
package final class PrefaceDeadlineHandler: ChannelInboundHandler, RemovableChannelHandler {
    package typealias InboundIn = ByteBuffer
    static let prefaceLength = 24

    private let deadline: TimeAmount
    private var received = 0
    private var timer: Scheduled<Void>?

    package init(deadline: TimeAmount) { self.deadline = deadline }

    package func handlerAdded(context: ChannelHandlerContext) {
        let loopBound = NIOLoopBound(context, eventLoop: context.eventLoop)
        timer = context.eventLoop.scheduleTask(in: deadline) {
            loopBound.value.close(promise: nil)
        }
    }

    package func handlerRemoved(context: ChannelHandlerContext) {
        timer?.cancel()
    }

    package func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        received += unwrapInboundIn(data).readableBytes
        context.fireChannelRead(data)
        if received >= Self.prefaceLength {
            timer?.cancel()
            context.pipeline.syncOperations.removeHandler(self, promise: nil)
        }
    }
}
