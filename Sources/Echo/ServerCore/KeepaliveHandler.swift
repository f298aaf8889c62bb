import NIOCore
import NIOHTTP2

/// Pings a client that has sent nothing for `interval` and closes its connection when the PING
/// goes unanswered for `timeout`: a client that vanished without a FIN or RST would otherwise hold
/// its connection, and its calls, for ever. Sits behind `NIOHTTP2Handler`; every frame passes on.
package final class KeepaliveHandler: ChannelInboundHandler {
    package typealias InboundIn = HTTP2Frame
    package typealias InboundOut = HTTP2Frame
    package typealias OutboundOut = HTTP2Frame

    static let ping = HTTP2PingData(withInteger: 0x4B45_4550_414C_4956)

    private let interval: TimeAmount
    private let timeout: TimeAmount
    private var heard = false
    private var check: Scheduled<Void>?
    private var unanswered: Scheduled<Void>?

    package init(interval: TimeAmount, timeout: TimeAmount) {
        self.interval = interval
        self.timeout = timeout
    }

    package func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { scheduleCheck(context: context) }
    }

    package func channelActive(context: ChannelHandlerContext) {
        scheduleCheck(context: context)
        context.fireChannelActive()
    }

    package func handlerRemoved(context: ChannelHandlerContext) { stop() }

    package func channelInactive(context: ChannelHandlerContext) {
        stop()
        context.fireChannelInactive()
    }

    package func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        heard = true
        if case .ping(let data, ack: true) = unwrapInboundIn(data).payload, data == Self.ping {
            unanswered?.cancel()
            unanswered = nil
        }
        context.fireChannelRead(data)
    }

    private func scheduleCheck(context: ChannelHandlerContext) {
        guard check == nil else { return }
        check = context.eventLoop.assumeIsolated().scheduleTask(in: interval) { [self] in
            check = nil
            if !heard && unanswered == nil {
                context.writeAndFlush(wrapOutboundOut(HTTP2Frame(streamID: .rootStream, payload: .ping(Self.ping, ack: false))), promise: nil)
                unanswered = context.eventLoop.assumeIsolated().scheduleTask(in: timeout) {
                    context.close(promise: nil)
                }
            }
            heard = false
            scheduleCheck(context: context)
        }
    }

    private func stop() {
        check?.cancel()
        unanswered?.cancel()
        check = nil
        unanswered = nil
    }
}
