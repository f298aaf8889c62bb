import EchoTransport
import GRPCCore
import NIOCore
import NIOHTTP2

/// Makes the unary calls of one HTTP/2 connection as frames on it. It sits right behind
/// `NIOHTTP2Handler` (without a stream multiplexer): a call is a stream ID, a HEADERS and a DATA frame
/// out, an entry in `calls` until its trailers (or an RST_STREAM) come back, and a deadline timer.
/// No stream channel, pipeline or promise chain is made per call, which was most of the client's CPU
/// per request after the socket itself (docs/echo-bench.md).
///
/// Without a multiplexer the flow-control windows are this handler's to reopen: the connection's as
/// swift-nio-http2 reports it shrinking, and each call's stream while its answer arrives. An answer is
/// held in memory, so one larger than `maxResponseBytes` ends its call.
///
/// Everything runs on the connection's event loop.
package final class UnaryCallsHandler: ChannelInboundHandler {
    package typealias InboundIn = HTTP2Frame
    package typealias InboundOut = HTTP2Frame
    package typealias OutboundOut = HTTP2Frame

    /// gRPC's default limit on a received message, with room for the frames around it.
    package static let maxResponseBytes = 4 * 1024 * 1024 + 1024

    private struct Call {
        let promise: EventLoopPromise<ByteBuffer>
        var response = UnaryResponse()
        var receivedBytes = 0
        var deadline: Scheduled<Void>?
    }

    private var calls: [HTTP2StreamID: Call] = [:]
    private var nextStreamID: Int
    private var context: ChannelHandlerContext?
    private var inactive = false
    /// This connection has used its last stream ID: new calls need another (`takesCalls` is false), and
    /// it closes itself once its last call has ended.
    private var usedUp: Bool { nextStreamID > Int(Int32.max) }

    /// `firstStreamID` is 1 on a new connection; tests start closer to the end of the ID space.
    package init(firstStreamID: Int = 1) {
        precondition(firstStreamID % 2 == 1, "a client's streams have odd IDs")
        nextStreamID = firstStreamID
    }

    /// Whether a call started now gets a stream here (the connection is open and has stream IDs left);
    /// when not, `ServerConnection` makes a new connection.
    package var takesCalls: Bool { !inactive && context != nil && !usedUp }

    /// Calls in flight (tests).
    package var callsInFlight: Int { calls.count }

    package func handlerAdded(context: ChannelHandlerContext) { self.context = context }

    package func handlerRemoved(context: ChannelHandlerContext) { self.context = nil }

    /// Sends the call's frames; `promise` gets the reply message or the call's `RPCError`. The
    /// stream is reset (RST_STREAM CANCEL) when no answer has come by `timeout`.
    package func start(_ request: UnaryRequest, timeout: TimeAmount, promise: EventLoopPromise<ByteBuffer>) {
        guard takesCalls, let context else {
            promise.fail(RPCError(code: .unavailable, message: "the connection to the echo server cannot take more calls"))
            return
        }
        let streamID = HTTP2StreamID(nextStreamID)
        nextStreamID += 2
        var call = Call(promise: promise)
        call.deadline = context.eventLoop.assumeIsolated().scheduleTask(in: timeout) { [self] in
            guard end(streamID, .failure(RPCError(code: .deadlineExceeded, message: "the call's deadline passed"))) else { return }
            reset(streamID, context: context)
        }
        calls[streamID] = call
        context.write(wrapOutboundOut(HTTP2Frame(streamID: streamID, payload: .headers(.init(headers: request.headers)))), promise: nil)
        // A frame refused before it leaves (the server's GOAWAY came first, the connection failed)
        // fails this promise: the call ends UNAVAILABLE, to be retried on another connection.
        let sent = context.eventLoop.makePromise(of: Void.self)
        let message = HTTP2Frame(streamID: streamID, payload: .data(.init(data: .byteBuffer(request.message), endStream: true)))
        context.writeAndFlush(wrapOutboundOut(message), promise: sent)
        sent.futureResult.assumeIsolated().whenFailure { [self] error in
            end(streamID, .failure(RPCError(code: .unavailable, message: "the call could not be sent to the echo server", cause: error)))
        }
    }

    package func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        guard frame.streamID != .rootStream else {
            context.fireChannelRead(data)
            return
        }
        guard calls[frame.streamID] != nil else { return }  // Ended already (deadline): the reset is on its way.
        switch frame.payload {
        case .headers(let headers):
            guard let outcome = calls[frame.streamID]!.response.receive(headers: headers.headers, endStream: headers.endStream) else { return }
            end(frame.streamID, outcome)
            // An answer that ends the call before its stream ends (a proxy's error page): stop reading it.
            if !headers.endStream { reset(frame.streamID, context: context) }
        case .data(let data):
            guard case .byteBuffer(let bytes) = data.data else { return }
            calls[frame.streamID]!.receivedBytes += bytes.readableBytes
            guard calls[frame.streamID]!.receivedBytes <= Self.maxResponseBytes else {
                end(frame.streamID, .failure(RPCError(code: .resourceExhausted, message: "the server's answer is larger than \(Self.maxResponseBytes) bytes")))
                reset(frame.streamID, context: context)
                return
            }
            calls[frame.streamID]!.response.receive(data: bytes)
            if data.endStream { end(frame.streamID, .failure(UnaryResponse.endedWithoutStatus)) }
        case .rstStream(let code):
            end(frame.streamID, .failure(UnaryResponse.error(forReset: code)))
        default:
            break
        }
    }

    package func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        switch event {
        case let window as NIOHTTP2WindowUpdatedEvent:
            reopen(window, context: context)
        case let closed as StreamClosedEvent:
            // Closed without an answer: refused by the server's GOAWAY, or reset after a stream error.
            end(closed.streamID, .failure(RPCError(code: .unavailable, message: "the call's stream closed before an answer (\(closed.reason.map { "\($0)" } ?? "no error"))")))
        default:
            break
        }
        context.fireUserInboundEventTriggered(event)
    }

    package func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if let streamError = error as? NIOHTTP2Errors.StreamError {
            end(streamError.streamID, .failure(RPCError(code: .unavailable, message: "the call's HTTP/2 stream failed", cause: streamError.baseError)))
        }
        context.fireErrorCaught(error)
    }

    package func channelInactive(context: ChannelHandlerContext) {
        inactive = true
        let ended = RPCError(code: .unavailable, message: "the connection to the echo server closed before the call's status arrived")
        for streamID in Array(calls.keys) { end(streamID, .failure(ended)) }
        context.fireChannelInactive()
    }

    /// Ends a call with its first outcome; false when it had ended already.
    @discardableResult
    private func end(_ streamID: HTTP2StreamID, _ outcome: Result<ByteBuffer, RPCError>) -> Bool {
        guard let call = calls.removeValue(forKey: streamID) else { return false }
        call.deadline?.cancel()
        call.promise.completeWith(outcome.mapError { $0 })
        if usedUp && calls.isEmpty { context?.close(promise: nil) }
        return true
    }

    private func reset(_ streamID: HTTP2StreamID, context: ChannelHandlerContext) {
        context.writeAndFlush(wrapOutboundOut(HTTP2Frame(streamID: streamID, payload: .rstStream(.cancel))), promise: nil)
    }

    /// Reopens a window that is half used: the connection's, or a stream's still being answered.
    private func reopen(_ window: NIOHTTP2WindowUpdatedEvent, context: ChannelHandlerContext) {
        guard window.streamID == .rootStream || calls[window.streamID] != nil, let update = InboundWindow.update(for: window) else { return }
        context.writeAndFlush(wrapOutboundOut(update), promise: nil)
    }
}
