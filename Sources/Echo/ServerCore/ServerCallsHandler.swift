import EchoTransport
import GRPCCore
import NIOCore
import NIOHPACK
import NIOHTTP2

/// Serves the gRPC calls of one HTTP/2 connection as frames on it. It sits right behind
/// `NIOHTTP2Handler` (no stream multiplexer): a call is a stream ID, an entry in `calls`, and one
/// task that runs the service through GRPCCore. No stream channel, pipeline or async channel is
/// made per call; those were most of echo-server's CPU per call (docs/echo-bench.md).
///
/// A unary or server-streaming request is read whole before its task starts; a client-streaming
/// one starts its task at its HEADERS and hands messages over as they come, at most
/// `Settings.waitingRequestsLimit` unread (with at most `maxMessageBytes` each, that bounds what a
/// stalled service holds per stream). Without a multiplexer the inbound windows are this
/// handler's to reopen. The connection says GOAWAY when idle for `Settings.maxIdle`, and in two
/// steps at a graceful shutdown (first "no new streams soon", then the last stream it took, once a
/// PING round trip shows the client has heard the first), closing once its calls are done.
///
/// Everything here runs on the connection's event loop; call tasks reach it through `CallGate`.
package final class ServerCallsHandler: ChannelInboundHandler {
    package typealias InboundIn = HTTP2Frame
    package typealias InboundOut = HTTP2Frame
    package typealias OutboundOut = HTTP2Frame
    package typealias Inbound = RPCAsyncSequence<RPCRequestPart<FrameBytes>, any Error>
    package typealias Outbound = RPCWriter<RPCResponsePart<FrameBytes>>.Closable
    package typealias StreamHandler = @Sendable (RPCStream<Inbound, Outbound>, ServerContext) async -> Void

    package struct Settings: Sendable {
        package var maxMessageBytes: Int
        package var maxIdle: TimeAmount
        /// A client-streaming call's messages received and not yet read by its service.
        package var waitingRequestsLimit = 16
        /// How long the first GOAWAY of a graceful shutdown waits for its PING's answer.
        package var goAwayPingTimeout = TimeAmount.seconds(1)

        package init(maxMessageBytes: Int, maxIdle: TimeAmount) {
            self.maxMessageBytes = maxMessageBytes
            self.maxIdle = maxIdle
        }
    }

    static let shutdownPing = HTTP2PingData(withInteger: 0x5348_5554_444F_574E)

    /// One call's state; a class, so each frame or event looks its call up once.
    private final class Call {
        let descriptor: MethodDescriptor
        let gate = CallGate()
        var metadata: Metadata
        var reader: MessageReader
        /// A whole request's messages, until its task starts.
        var messages: [FrameBytes] = []
        /// A client-streaming request's messages go here once its task has started.
        var requests: AsyncThrowingStream<RPCRequestPart<FrameBytes>, any Error>.Continuation?
        var task: Task<Void, Never>?
        var cancellation: ServerContext.RPCCancellationHandle?
        var cancelRequested = false
        var remoteEnded = false
        var headSent = false
        var statusSent = false

        var requestStreaming: Bool { descriptor.type?.isRequestStreaming ?? true }
        var responseStreaming: Bool { descriptor.type?.isResponseStreaming ?? true }

        init(descriptor: MethodDescriptor, metadata: Metadata, reader: MessageReader) {
            self.descriptor = descriptor
            self.metadata = metadata
            self.reader = reader
        }
    }

    private enum Shutdown { case no, announced, final }

    private let settings: Settings
    private let methods: [String: MethodDescriptor]
    private let peers: (remote: String, local: String)
    private let handler: StreamHandler
    private let executor: (any TaskExecutor)?
    private let tracker: CallTracker
    private var calls: [HTTP2StreamID: Call] = [:]
    private var lastStreamID = HTTP2StreamID(0)
    private var shutdown = Shutdown.no
    private var idleTimer: Scheduled<Void>?
    private var context: ChannelHandlerContext?

    package init(
        settings: Settings,
        methods: [String: MethodDescriptor],
        peers: (remote: String, local: String),
        executor: (any TaskExecutor)?,
        tracker: CallTracker,
        handler: @escaping StreamHandler
    ) {
        self.settings = settings
        self.methods = methods
        self.peers = peers
        self.executor = executor
        self.tracker = tracker
        self.handler = handler
    }

    package func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        if context.channel.isActive { startIdleTimer(context: context) }
    }

    package func channelActive(context: ChannelHandlerContext) {
        startIdleTimer(context: context)
        context.fireChannelActive()
    }

    package func handlerRemoved(context: ChannelHandlerContext) {
        idleTimer?.cancel()
        self.context = nil
    }

    // MARK: Frames from the client

    package func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        let streamID = frame.streamID
        switch frame.payload {
        case .headers(let headers) where calls[streamID] == nil:
            guard streamID > lastStreamID else { return }  // Trailers of a call answered already.
            lastStreamID = streamID
            start(streamID, headers: headers.headers, endStream: headers.endStream, context: context)
        case .headers(let headers):
            // A request's trailers: gRPC has no use for them but they end the request.
            if headers.endStream { requestEnded(streamID, context: context) }
        case .data(let data):
            guard case .byteBuffer(let bytes) = data.data else { return }
            receive(bytes, on: streamID, context: context)
            if data.endStream { requestEnded(streamID, context: context) }
        case .rstStream:
            cancel(streamID)
        case .ping(let ping, ack: true) where ping == Self.shutdownPing:
            finishGoingAway(context: context)
        default:
            if streamID == .rootStream { context.fireChannelRead(data) }
        }
    }

    package func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        switch event {
        case let window as NIOHTTP2WindowUpdatedEvent:
            reopen(window, context: context)
        case let closed as StreamClosedEvent:
            // Closed before its answer ended: the client reset it, or a stream error did.
            if calls[closed.streamID]?.statusSent == false { cancel(closed.streamID) }
        default:
            break
        }
        context.fireUserInboundEventTriggered(event)
    }

    package func channelInactive(context: ChannelHandlerContext) {
        for streamID in Array(calls.keys) { cancel(streamID) }
        context.fireChannelInactive()
    }

    private func start(_ streamID: HTTP2StreamID, headers: HPACKHeaders, endStream: Bool, context: ChannelHandlerContext) {
        let head: CallHead
        switch CallHead.parse(headers) {
        case .success(let parsed):
            head = parsed
        case .failure(.http(let status)):
            send(HTTP2Frame(streamID: streamID, payload: .headers(.init(headers: ResponseHeaders.refusal(httpStatus: status), endStream: true))), flush: true, context: context)
            if !endStream { resetFinished(streamID, context: context) }
            return
        case .failure(.grpc(let status)):
            let trailers = ResponseHeaders.trailers(status, [:], trailersOnly: true)
            send(HTTP2Frame(streamID: streamID, payload: .headers(.init(headers: trailers, endStream: true))), flush: true, context: context)
            if !endStream { resetFinished(streamID, context: context) }
            return
        }
        let descriptor = methods[head.path] ?? MethodDescriptor(fullyQualifiedService: head.service, method: head.method, type: nil)
        idleTimer?.cancel()
        idleTimer = nil
        let call = Call(descriptor: descriptor, metadata: head.metadata, reader: MessageReader(maxMessageBytes: settings.maxMessageBytes))
        calls[streamID] = call
        if call.requestStreaming {
            let (requests, continuation) = AsyncThrowingStream.makeStream(
                of: RPCRequestPart<FrameBytes>.self, bufferingPolicy: .bufferingOldest(settings.waitingRequestsLimit)
            )
            continuation.yield(.metadata(head.metadata))
            call.requests = continuation
            run(call, streamID, inbound: RPCAsyncSequence(wrapping: requests), context: context)
        }
        if endStream { requestEnded(streamID, context: context) }
    }

    private func receive(_ bytes: ByteBuffer, on streamID: HTTP2StreamID, context: ChannelHandlerContext) {
        guard let call = calls[streamID], !call.remoteEnded, !call.statusSent else { return }
        call.reader.append(bytes)
        while true {
            switch call.reader.next() {
            case .needMore:
                return
            case .failed(let status):
                return fail(streamID, status, context: context)
            case .message(let message):
                if let requests = call.requests {
                    guard case .enqueued = requests.yield(.message(FrameBytes(message))) else {
                        let limit = settings.waitingRequestsLimit
                        return fail(streamID, Status(code: .resourceExhausted, message: "more than \(limit) request messages are waiting to be read"), context: context)
                    }
                } else {
                    guard call.messages.isEmpty else {
                        return fail(streamID, Status(code: .internalError, message: "\(call.descriptor.method) takes one request message, and more came"), context: context)
                    }
                    call.messages.append(FrameBytes(message))
                }
            }
        }
    }

    private func requestEnded(_ streamID: HTTP2StreamID, context: ChannelHandlerContext) {
        guard let call = calls[streamID], !call.remoteEnded else { return }
        call.remoteEnded = true
        guard !call.statusSent else { return }
        if call.reader.isMidMessage {
            return fail(streamID, Status(code: .internalError, message: "the request ended inside a message"), context: context)
        }
        if let requests = call.requests {
            requests.finish()
            return
        }
        let parts = [RPCRequestPart<FrameBytes>.metadata(call.metadata)] + call.messages.map { .message($0) }
        call.messages = []
        run(call, streamID, inbound: RPCAsyncSequence(wrapping: ReceivedRequest(parts: parts)), context: context)
    }

    // MARK: Running a call

    private func run(_ call: Call, _ streamID: HTTP2StreamID, inbound: Inbound, context: ChannelHandlerContext) {
        let loop = context.eventLoop
        let bound = NIOLoopBound(self, eventLoop: loop)
        let gate = call.gate
        let descriptor = call.descriptor
        let writer = ResponseWriter(streamID: streamID, calls: bound, loop: loop, gate: gate)
        let stream = RPCStream(descriptor: descriptor, inbound: inbound, outbound: Outbound(wrapping: writer))
        let (handler, peers, tracker) = (self.handler, self.peers, self.tracker)
        tracker.callStarted()
        let operation: @Sendable () async -> Void = {
            await withServerContextRPCCancellationHandle { handle in
                gate.deliver(.started(handle), streamID: streamID, to: bound, on: loop)
                let context = ServerContext(descriptor: descriptor, remotePeer: peers.remote, localPeer: peers.local, cancellation: handle)
                await handler(stream, context)
            }
            gate.deliver(.ended, streamID: streamID, to: bound, on: loop)
            tracker.callEnded()
        }
        call.task = executor.map { Task(executorPreference: $0, operation: operation) } ?? Task(operation: operation)
    }

    /// What a call's task did, in its order (`CallGate`).
    func receive(_ event: CallEvent, streamID: HTTP2StreamID) {
        guard let context, let call = calls[streamID] else { return }
        switch event {
        case .started(let handle):
            call.cancellation = handle
            if call.cancelRequested { handle.cancel() }
        case .part(let part):
            answer(part, call, streamID, context: context)
        case .finished(let failed):
            // A service that threw has no status to send: the client learns of it by a reset.
            if failed && !call.statusSent && !call.gate.isClosed {
                call.statusSent = true
                send(HTTP2Frame(streamID: streamID, payload: .rstStream(.internalError)), flush: true, context: context)
            }
        case .ended:
            ended(streamID, context: context)
        }
    }

    private func answer(_ part: RPCResponsePart<FrameBytes>, _ call: Call, _ streamID: HTTP2StreamID, context: ChannelHandlerContext) {
        guard !call.statusSent, !call.gate.isClosed else { return }
        switch part {
        case .metadata(let metadata):
            guard !call.headSent else { return }
            call.headSent = true
            let head = HTTP2Frame(streamID: streamID, payload: .headers(.init(headers: ResponseHeaders.head(metadata))))
            send(head, flush: call.responseStreaming, context: context)
        case .message(let message):
            if !call.headSent {
                call.headSent = true
                send(HTTP2Frame(streamID: streamID, payload: .headers(.init(headers: ResponseHeaders.head([:])))), flush: false, context: context)
            }
            let framed = MessageReader.framed(message.buffer, allocator: context.channel.allocator)
            send(HTTP2Frame(streamID: streamID, payload: .data(.init(data: .byteBuffer(framed)))), flush: call.responseStreaming, context: context)
        case .status(let status, let metadata):
            call.statusSent = true
            let trailers = ResponseHeaders.trailers(status, metadata, trailersOnly: !call.headSent)
            send(HTTP2Frame(streamID: streamID, payload: .headers(.init(headers: trailers, endStream: true))), flush: true, context: context)
            // The answer is over: a client still sending is told to stop.
            if !call.remoteEnded { resetFinished(streamID, context: context) }
        }
    }

    /// Answers a call with `status` itself (its request was bad) and stops its service, if running.
    private func fail(_ streamID: HTTP2StreamID, _ status: Status, context: ChannelHandlerContext) {
        guard let call = calls[streamID], !call.statusSent else { return }
        call.statusSent = true
        let trailers = ResponseHeaders.trailers(status, [:], trailersOnly: !call.headSent)
        send(HTTP2Frame(streamID: streamID, payload: .headers(.init(headers: trailers, endStream: true))), flush: true, context: context)
        if !call.remoteEnded { resetFinished(streamID, context: context) }
        cancel(streamID)
    }

    /// The client has gone from this call (reset, closed stream or connection): its service is
    /// cancelled and its answer dropped. A call whose task has not started is forgotten.
    private func cancel(_ streamID: HTTP2StreamID) {
        guard let call = calls[streamID] else { return }
        call.gate.close()
        call.requests?.finish(throwing: RPCError(code: .cancelled, message: "the client closed the call's stream"))
        call.requests = nil
        guard call.task != nil else {
            calls[streamID] = nil
            if let context { callsChanged(context: context) }
            return
        }
        call.cancelRequested = true
        call.cancellation?.cancel()
    }

    private func ended(_ streamID: HTTP2StreamID, context: ChannelHandlerContext) {
        guard let call = calls.removeValue(forKey: streamID) else { return }
        call.requests?.finish()
        if !call.statusSent && !call.gate.isClosed {
            send(HTTP2Frame(streamID: streamID, payload: .rstStream(.internalError)), flush: true, context: context)
        }
        callsChanged(context: context)
    }

    // MARK: Connection

    /// Stops every call's service at once (the server is stopping without waiting) and closes.
    package func abort() {
        for streamID in Array(calls.keys) {
            cancel(streamID)
            calls[streamID]?.task?.cancel()
        }
        context?.close(promise: nil)
    }

    /// The first step of a graceful shutdown: GOAWAY with the highest stream ID, so the client stops
    /// opening streams without losing those already on their way, and a PING to learn when it has heard.
    package func beginGracefulShutdown() {
        guard shutdown == .no, let context else { return }
        shutdown = .announced
        send(HTTP2Frame(streamID: .rootStream, payload: .goAway(lastStreamID: .maxID, errorCode: .noError, opaqueData: nil)), flush: false, context: context)
        send(HTTP2Frame(streamID: .rootStream, payload: .ping(Self.shutdownPing, ack: false)), flush: true, context: context)
        context.eventLoop.assumeIsolated().scheduleTask(in: settings.goAwayPingTimeout) { [self] in
            if let context = self.context { finishGoingAway(context: context) }
        }
    }

    /// The second step: the last stream served; the connection closes when its calls are done.
    private func finishGoingAway(context: ChannelHandlerContext) {
        guard shutdown == .announced else { return }
        shutdown = .final
        send(HTTP2Frame(streamID: .rootStream, payload: .goAway(lastStreamID: lastStreamID, errorCode: .noError, opaqueData: nil)), flush: true, context: context)
        callsChanged(context: context)
    }

    private func callsChanged(context: ChannelHandlerContext) {
        guard calls.isEmpty else { return }
        if shutdown == .final {
            context.close(promise: nil)
        } else {
            startIdleTimer(context: context)
        }
    }

    /// An idle connection (no calls for `maxIdle`) is told GOAWAY and closed.
    private func startIdleTimer(context: ChannelHandlerContext) {
        guard idleTimer == nil, shutdown == .no else { return }
        idleTimer = context.eventLoop.assumeIsolated().scheduleTask(in: settings.maxIdle) { [self] in
            idleTimer = nil
            guard calls.isEmpty, let context = self.context else { return }
            send(HTTP2Frame(streamID: .rootStream, payload: .goAway(lastStreamID: lastStreamID, errorCode: .noError, opaqueData: nil)), flush: true, context: context)
            context.close(promise: nil)
        }
    }

    /// Reopens a window that is half used: the connection's, or that of a stream still sending.
    private func reopen(_ window: NIOHTTP2WindowUpdatedEvent, context: ChannelHandlerContext) {
        guard window.streamID == .rootStream || calls[window.streamID]?.remoteEnded == false,
              let update = InboundWindow.update(for: window)
        else { return }
        send(update, flush: true, context: context)
    }

    /// A stream whose answer is complete while the client may still send: RST_STREAM NO_ERROR.
    private func resetFinished(_ streamID: HTTP2StreamID, context: ChannelHandlerContext) {
        send(HTTP2Frame(streamID: streamID, payload: .rstStream(.noError)), flush: true, context: context)
    }

    private func send(_ frame: HTTP2Frame, flush: Bool, context: ChannelHandlerContext) {
        if flush {
            context.writeAndFlush(wrapOutboundOut(frame), promise: nil)
        } else {
            context.write(wrapOutboundOut(frame), promise: nil)
        }
    }
}
