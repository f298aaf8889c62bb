import GRPCCore
import NIOCore
import NIOHTTP2

/// Makes one unary call on the HTTP/2 stream channel it is added to: sends the request as the
/// stream becomes active, answers `promise` with the reply message or the call's error, and resets
/// the stream (RST_STREAM CANCEL) when nothing has answered by the deadline. Everything runs on the
/// connection's event loop: no task, no lock, no hop per call.
final class UnaryCallHandler: ChannelInboundHandler {
    typealias InboundIn = HTTP2Frame.FramePayload
    typealias OutboundOut = HTTP2Frame.FramePayload

    private let request: UnaryRequest
    private let promise: EventLoopPromise<ByteBuffer>
    private let timeout: TimeAmount
    private var response = UnaryResponse()
    private var deadline: Scheduled<Void>?
    private var sent = false

    init(request: UnaryRequest, timeout: TimeAmount, promise: EventLoopPromise<ByteBuffer>) {
        self.request = request
        self.timeout = timeout
        self.promise = promise
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { send(context: context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        send(context: context)
        context.fireChannelActive()
    }

    private func send(context: ChannelHandlerContext) {
        guard !sent else { return }
        sent = true
        deadline = context.eventLoop.assumeIsolated().scheduleTask(in: timeout) { [self] in
            finish(.failure(RPCError(code: .deadlineExceeded, message: "the call's deadline passed")))
            context.close(promise: nil)
        }
        context.write(wrapOutboundOut(.headers(.init(headers: request.headers))), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.data(.init(data: .byteBuffer(request.message), endStream: true))), promise: nil)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .headers(let headers):
            guard let outcome = response.receive(headers: headers.headers, endStream: headers.endStream) else { return }
            finish(outcome)
            // An answer that ends the call before its stream ends (a proxy's error page): stop reading it.
            if !headers.endStream { context.close(promise: nil) }
        case .data(let data):
            if case .byteBuffer(let bytes) = data.data { response.receive(data: bytes) }
            if data.endStream { finish(.failure(UnaryResponse.endedWithoutStatus)) }
        case .rstStream(let code):
            finish(.failure(UnaryResponse.error(forReset: code)))
        default:
            break
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        finish(.failure(RPCError(code: .unavailable, message: "the connection to the echo server closed before the call's status arrived")))
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        finish(.failure(RPCError(code: .unavailable, message: "the call's HTTP/2 stream failed", cause: error)))
        context.close(promise: nil)
    }

    /// The first outcome wins: a promise completed twice keeps its first value.
    private func finish(_ outcome: Result<ByteBuffer, RPCError>) {
        deadline?.cancel()
        deadline = nil
        promise.completeWith(outcome.mapError { $0 })
    }
}
