import EchoClientCore
import EchoTransport
import GRPCCore
import NIOCore
import NIOEmbedded
import NIOHPACK
import NIOHTTP2
import Testing

/// echo-client's calls as frames on a connection (`UnaryCallsHandler`), driven frame by frame: what
/// goes out for a call, how each kind of answer ends it, and the windows and stream IDs it manages.
@Suite struct UnaryCallsHandlerTests {
    /// How a call ended, as a caller sees it.
    enum Ended: Equatable {
        case message([UInt8])
        case error(RPCError.Code)
    }

    /// A handler in an embedded channel, standing where it does behind `NIOHTTP2Handler`.
    final class Harness {
        let channel = EmbeddedChannel()
        let handler: UnaryCallsHandler

        init(firstStreamID: Int = 1) throws {
            handler = UnaryCallsHandler(firstStreamID: firstStreamID)
            try channel.pipeline.syncOperations.addHandler(handler)
            try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1)).wait()
        }

        func call(timeout: TimeAmount = .seconds(2)) -> EventLoopFuture<ByteBuffer> {
            let promise = channel.eventLoop.makePromise(of: ByteBuffer.self)
            let base = UnaryRequest.baseHeaders(path: "/proto.echo.EchoService/Echo", authority: "localhost", scheme: "http")
            handler.start(UnaryRequest(base: base, metadata: [], message: [0x0a, 0x01, 0x61]), timeout: timeout, promise: promise)
            return promise.futureResult
        }

        func written() throws -> [HTTP2Frame] {
            var frames: [HTTP2Frame] = []
            while let frame = try channel.readOutbound(as: HTTP2Frame.self) { frames.append(frame) }
            return frames
        }

        func receive(_ streamID: Int, _ payload: HTTP2Frame.FramePayload) throws {
            try channel.writeInbound(HTTP2Frame(streamID: HTTP2StreamID(streamID), payload: payload))
        }

        func event(_ event: Any) {
            channel.pipeline.syncOperations.fireUserInboundEventTriggered(event)
        }

        /// A whole answer: headers, one message, trailers with `status`.
        func answer(_ streamID: Int, message: [UInt8], status: String = "0") throws {
            try receive(streamID, .headers(.init(headers: [":status": "200", "content-type": "application/grpc"])))
            let body = ByteBuffer(bytes: [0, 0, 0, 0, UInt8(message.count)] + message)
            try receive(streamID, .data(.init(data: .byteBuffer(body))))
            try receive(streamID, .headers(.init(headers: ["grpc-status": status], endStream: true)))
        }
    }

    /// nil while the call is in flight.
    static func ended(_ future: EventLoopFuture<ByteBuffer>) -> Ended? {
        var ended: Ended?
        future.assumeIsolated().whenComplete { result in
            switch result {
            case .success(let bytes): ended = .message(Array(bytes.readableBytesView))
            case .failure(let error): ended = .error((error as? RPCError)?.code ?? .unknown)
            }
        }
        return ended
    }

    @Test func callsGoOutOnOddStreamsAndEachEndsWithItsOwnTrailers() throws {
        let harness = try Harness()
        let first = harness.call(), second = harness.call()
        let frames = try harness.written()
        #expect(frames.map { Int($0.streamID) } == [1, 1, 3, 3])
        guard case .headers(let headers) = frames[0].payload, case .data(let data) = frames[1].payload else {
            Issue.record("expected HEADERS then DATA, got \(frames)")
            return
        }
        #expect(headers.headers.first(name: ":path") == "/proto.echo.EchoService/Echo")
        // The deadline is the client's own (see aCallUnansweredByItsDeadline...), not sent.
        #expect(headers.headers.first(name: "grpc-timeout") == nil)
        #expect(!headers.endStream && data.endStream)

        try harness.answer(3, message: [0x0a, 0x01, 0x62])
        #expect(Self.ended(second) == .message([0x0a, 0x01, 0x62]))
        #expect(Self.ended(first) == nil)
        try harness.answer(1, message: [], status: "14")
        #expect(Self.ended(first) == .error(.unavailable))
        #expect(harness.handler.callsInFlight == 0)
    }

    @Test func aResetAStreamClosedWithoutAnswerAndAClosedConnectionEndCallsAsGRPCMapsThem() throws {
        let harness = try Harness()
        let refused = harness.call(), dropped = harness.call(), cut = harness.call()
        try harness.receive(1, .rstStream(.refusedStream))
        #expect(Self.ended(refused) == .error(.unavailable))
        // The server's GOAWAY named a lower last stream: swift-nio-http2 closes this one unanswered.
        harness.event(StreamClosedEvent(streamID: HTTP2StreamID(3), reason: .cancel))
        #expect(Self.ended(dropped) == .error(.unavailable))
        try harness.channel.close().wait()
        #expect(Self.ended(cut) == .error(.unavailable))
        #expect(!harness.handler.takesCalls)
        #expect(Self.ended(harness.call()) == .error(.unavailable))
    }

    @Test func aCallUnansweredByItsDeadlineFailsAndResetsItsStream() throws {
        let harness = try Harness()
        let slow = harness.call(timeout: .milliseconds(50))
        _ = try harness.written()
        harness.channel.embeddedEventLoop.advanceTime(by: .milliseconds(49))
        #expect(Self.ended(slow) == nil)
        harness.channel.embeddedEventLoop.advanceTime(by: .milliseconds(1))
        #expect(Self.ended(slow) == .error(.deadlineExceeded))
        let reset = try harness.written()
        #expect(reset.count == 1 && reset[0].streamID == HTTP2StreamID(1))
        guard case .rstStream(.cancel) = reset.first?.payload else {
            Issue.record("expected RST_STREAM CANCEL, got \(reset)")
            return
        }
        // The answer arriving late changes nothing.
        try harness.answer(1, message: [1])
        #expect(Self.ended(slow) == .error(.deadlineExceeded))
    }

    @Test func windowsAreReopenedOnceHalfUsedAndOnlyForStreamsStillAnswering() throws {
        let harness = try Harness()
        let call = harness.call()
        _ = try harness.written()
        let half = InboundWindow.size / 2
        harness.event(NIOHTTP2WindowUpdatedEvent(streamID: .rootStream, inboundWindowSize: half + 1, outboundWindowSize: nil))
        #expect(try harness.written().isEmpty)
        harness.event(NIOHTTP2WindowUpdatedEvent(streamID: .rootStream, inboundWindowSize: 1_000, outboundWindowSize: nil))
        harness.event(NIOHTTP2WindowUpdatedEvent(streamID: HTTP2StreamID(1), inboundWindowSize: 0, outboundWindowSize: nil))
        let updates = try harness.written().map { frame -> (Int, Int)? in
            guard case .windowUpdate(let increment) = frame.payload else { return nil }
            return (Int(frame.streamID), increment)
        }
        #expect(updates.count == 2)
        #expect(updates[0]! == (0, InboundWindow.size - 1_000))
        #expect(updates[1]! == (1, InboundWindow.size))

        try harness.answer(1, message: [])
        #expect(Self.ended(call) == .message([]))
        harness.event(NIOHTTP2WindowUpdatedEvent(streamID: HTTP2StreamID(1), inboundWindowSize: 0, outboundWindowSize: nil))
        #expect(try harness.written().isEmpty)
    }

    @Test func anAnswerLargerThanTheLimitEndsItsCall() throws {
        let harness = try Harness()
        let call = harness.call()
        _ = try harness.written()
        try harness.receive(1, .headers(.init(headers: [":status": "200", "content-type": "application/grpc"])))
        let huge = ByteBuffer(repeating: 0, count: UnaryCallsHandler.maxResponseBytes + 1)
        try harness.receive(1, .data(.init(data: .byteBuffer(huge))))
        #expect(Self.ended(call) == .error(.resourceExhausted))
        guard case .rstStream(.cancel) = try harness.written().first?.payload else {
            Issue.record("expected RST_STREAM CANCEL")
            return
        }
    }

    @Test func aConnectionOutOfStreamIDsTakesNoNewCallAndClosesAfterItsLast() throws {
        let harness = try Harness(firstStreamID: Int(Int32.max))
        #expect(harness.handler.takesCalls)
        let last = harness.call()
        #expect(!harness.handler.takesCalls)
        #expect(Self.ended(harness.call()) == .error(.unavailable))
        #expect(harness.channel.isActive)
        try harness.answer(Int(Int32.max), message: [7])
        #expect(Self.ended(last) == .message([7]))
        #expect(!harness.channel.isActive)
    }
}
