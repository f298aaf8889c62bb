import EchoServerCore
import GRPCCore
import NIOCore
import NIOEmbedded
import NIOHPACK
import NIOHTTP2
import Testing

/// echo-server's calls as frames on a connection (`ServerCallsHandler`), driven frame by frame: what
/// a call's answer looks like on the wire, which requests never reach a service, how a reset stops
/// a running call, client-streaming requests, and how a connection goes away.
@Suite struct ServerCallsHandlerTests {
    static let unary = MethodDescriptor(fullyQualifiedService: "test.Echo", method: "Unary", type: .unary)
    static let upload = MethodDescriptor(fullyQualifiedService: "test.Echo", method: "Upload", type: .clientStreaming)

    /// What the service saw of one call.
    actor Seen {
        var messages: [[UInt8]] = []
        var metadata: Metadata?
        var cancelled = false
        func add(_ message: [UInt8]) { messages.append(message) }
        func set(_ metadata: Metadata) { self.metadata = metadata }
        func markCancelled() { cancelled = true }
    }

    /// A handler in a testing channel, standing where it does behind `NIOHTTP2Handler`, serving
    /// `Unary` (answers each message with its bytes and "!") and `Upload` (answers with how many
    /// messages came). A metadata key `wait` makes a call wait for its cancellation instead.
    final class Harness: Sendable {
        let channel = NIOAsyncTestingChannel()
        let seen = Seen()
        let tracker = CallTracker()

        init(maxMessageBytes: Int = 1024, maxIdle: TimeAmount = .seconds(60)) async throws {
            let seen = self.seen
            let settings = {
                var settings = ServerCallsHandler.Settings(maxMessageBytes: maxMessageBytes, maxIdle: maxIdle)
                settings.goAwayPingTimeout = .seconds(30)
                return settings
            }()
            let tracker = self.tracker
            let channel = self.channel
            try await channel.testingEventLoop.executeInContext {
            let handler = ServerCallsHandler(
                settings: settings,
                methods: ["/test.Echo/Unary": ServerCallsHandlerTests.unary, "/test.Echo/Upload": ServerCallsHandlerTests.upload],
                peers: ("ipv4:127.0.0.1:1", "ipv4:127.0.0.1:2"),
                executor: nil,
                tracker: tracker
            ) { stream, context in
                var count = 0
                var reply: [UInt8] = []
                do {
                    for try await part in stream.inbound {
                        switch part {
                        case .metadata(let metadata):
                            await seen.set(metadata)
                            if !metadata[stringValues: "wait"].map({ $0 }).isEmpty {
                                try? await context.cancellation.cancelled
                                await seen.markCancelled()
                                return
                            }
                        case .message(let bytes):
                            count += 1
                            reply = bytes.withUnsafeBytes { Array($0) } + Array("!".utf8)
                            await seen.add(reply.dropLast())
                        }
                    }
                } catch {
                    return
                }
                if context.descriptor.method == "Upload" { reply = [UInt8(count)] }
                try? await stream.outbound.write(.metadata(["answered-by": "test"]))
                try? await stream.outbound.write(.message(FrameBytes(reply)))
                try? await stream.outbound.write(.status(Status(code: .ok, message: ""), ["done": "yes"]))
                await stream.outbound.finish()
            }
            try channel.pipeline.syncOperations.addHandler(handler)
            }
            try await channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1))
        }

        func receive(_ streamID: Int, _ payload: HTTP2Frame.FramePayload) async throws {
            try await channel.writeInbound(HTTP2Frame(streamID: HTTP2StreamID(streamID), payload: payload))
        }

        func request(_ streamID: Int, path: String = "/test.Echo/Unary", extra: HPACKHeaders = [:], endStream: Bool = false) async throws {
            var headers: HPACKHeaders = [":method": "POST", ":path": path, ":scheme": "http", ":authority": "localhost", "content-type": "application/grpc", "te": "trailers"]
            headers.add(contentsOf: extra)
            try await receive(streamID, .headers(.init(headers: headers, endStream: endStream)))
        }

        func data(_ streamID: Int, _ bytes: [UInt8], endStream: Bool = false) async throws {
            try await receive(streamID, .data(.init(data: .byteBuffer(ByteBuffer(bytes: bytes)), endStream: endStream)))
        }

        /// The next frame the handler writes, failing the test if none comes within two seconds.
        func next() async throws -> HTTP2Frame {
            try await withThrowingTaskGroup(of: HTTP2Frame?.self) { group in
                group.addTask { try await self.channel.waitForOutboundWrite(as: HTTP2Frame.self) }
                group.addTask {
                    try await Task.sleep(for: .seconds(2))
                    return nil
                }
                let first = try await group.next()!
                group.cancelAll()
                return try #require(first, "no frame written within 2 s")
            }
        }

        /// Frames written so far, without waiting.
        func written() async throws -> [HTTP2Frame] {
            var frames: [HTTP2Frame] = []
            while let frame = try await channel.readOutbound(as: HTTP2Frame.self) { frames.append(frame) }
            return frames
        }
    }

    static func framed(_ bytes: [UInt8]) -> [UInt8] {
        [0, 0, 0, 0, UInt8(bytes.count)] + bytes
    }

    static func headers(_ frame: HTTP2Frame) -> (HPACKHeaders, Bool)? {
        guard case .headers(let headers) = frame.payload else { return nil }
        return (headers.headers, headers.endStream)
    }

    static func isReset(_ frame: HTTP2Frame, _ code: HTTP2ErrorCode) -> Bool {
        guard case .rstStream(let sent) = frame.payload else { return false }
        return sent == code
    }

    /// A GOAWAY's last stream ID; nil for another frame or a GOAWAY with an error.
    static func goAway(_ frame: HTTP2Frame) -> HTTP2StreamID? {
        guard case .goAway(let last, .noError, _) = frame.payload else { return nil }
        return last
    }

    static func body(_ frame: HTTP2Frame) -> [UInt8]? {
        guard case .data(let data) = frame.payload, case .byteBuffer(let buffer) = data.data else { return nil }
        return Array(buffer.readableBytesView)
    }

    @Test func aUnaryCallIsAnsweredWithItsHeadOneMessageAndTrailersOnItsStream() async throws {
        let harness = try await Harness()
        try await harness.request(1, extra: ["x-user": "ada", "grpc-timeout": "5S"])
        try await harness.data(1, Self.framed(Array("hi".utf8)), endStream: true)

        let head = try await harness.next()
        #expect(head.streamID == 1)
        #expect(Self.headers(head)?.0[":status"] == ["200"])
        #expect(Self.headers(head)?.0["answered-by"] == ["test"])
        #expect(Self.body(try await harness.next()) == Self.framed(Array("hi!".utf8)))
        let trailers = try #require(Self.headers(try await harness.next()))
        #expect(trailers.1 && trailers.0["grpc-status"] == ["0"] && trailers.0["done"] == ["yes"])
        let metadata = try #require(await harness.seen.metadata)
        #expect(Array(metadata[stringValues: "x-user"]) == ["ada"] && Array(metadata[stringValues: "grpc-timeout"]) == ["5S"])
        #expect(Array(metadata[stringValues: "content-type"]).isEmpty)
    }

    @Test func aMessageCutAcrossFramesIsPutBackTogether() async throws {
        let harness = try await Harness()
        try await harness.request(3)
        let message = Self.framed(Array("split".utf8))
        try await harness.data(3, Array(message[0..<2]))
        try await harness.data(3, Array(message[2..<6]))
        try await harness.data(3, Array(message[6...]), endStream: true)
        _ = try await harness.next()
        #expect(Self.body(try await harness.next()) == Self.framed(Array("split!".utf8)))
        #expect(await harness.seen.messages == [Array("split".utf8)])
    }

    @Test(arguments: [
        (HPACKHeaders([(":method", "GET")]), ":status", "405"),
        (HPACKHeaders([("content-type", "text/plain")]), ":status", "415"),
        (HPACKHeaders([("grpc-encoding", "gzip")]), "grpc-status", "12"),
    ])
    func requestsThatAreNotPlainGRPCCallsAreRefusedAtOnce(replacing: HPACKHeaders, name: String, value: String) async throws {
        let harness = try await Harness()
        var headers: HPACKHeaders = [":method": "POST", ":path": "/test.Echo/Unary", ":scheme": "http", "content-type": "application/grpc"]
        for (key, newValue, _) in replacing { headers.replaceOrAdd(name: key, value: newValue) }
        try await harness.receive(5, .headers(.init(headers: headers)))
        let refusal = try #require(Self.headers(try await harness.next()))
        #expect(refusal.1 && refusal.0[name] == [value], "\(refusal.0)")
        // The client had not ended its request: it is told to stop sending.
        #expect(Self.isReset(try await harness.next(), .noError))
        #expect(await harness.seen.metadata == nil)
    }

    @Test func aMessageOverTheLimitIsResourceExhaustedBeforeTheServiceSeesIt() async throws {
        let harness = try await Harness(maxMessageBytes: 8)
        try await harness.request(1)
        try await harness.data(1, [0, 0, 0, 0, 9] + Array(repeating: 1, count: 4))
        let trailers = try #require(Self.headers(try await harness.next()))
        #expect(trailers.1 && trailers.0["grpc-status"] == ["8"], "\(trailers.0)")
        #expect(Self.isReset(try await harness.next(), .noError))
        #expect(await harness.seen.metadata == nil)
    }

    @Test func anUnknownMethodStillReachesTheRouterWithItsName() async throws {
        let harness = try await Harness()
        try await harness.request(1, path: "/test.Other/Missing", endStream: true)
        // The test's service answers any method; the router would say UNIMPLEMENTED. What matters
        // here is that a method the transport does not know still runs, streaming-capable.
        _ = try await harness.next()
        #expect(await harness.seen.metadata != nil)
    }

    @Test func aResetCancelsTheRunningCallAndNothingMoreIsWritten() async throws {
        let harness = try await Harness()
        try await harness.request(1, extra: ["wait": "1"])
        try await harness.data(1, Self.framed([1]), endStream: true)
        // Wait until the call runs, then the client resets it.
        for _ in 0..<200 where await harness.seen.metadata == nil { try await Task.sleep(for: .milliseconds(10)) }
        try await harness.receive(1, .rstStream(.cancel))
        for _ in 0..<200 where await !harness.seen.cancelled { try await Task.sleep(for: .milliseconds(10)) }
        #expect(await harness.seen.cancelled)
        try await Task.sleep(for: .milliseconds(50))
        #expect(try await harness.written().isEmpty)
    }

    @Test func aClientStreamingCallGetsItsMessagesBeforeTheRequestEnds() async throws {
        let harness = try await Harness()
        try await harness.request(1, path: "/test.Echo/Upload")
        try await harness.data(1, Self.framed([7]))
        try await harness.data(1, Self.framed([8]))
        for _ in 0..<200 where await harness.seen.messages.count < 2 { try await Task.sleep(for: .milliseconds(10)) }
        #expect(await harness.seen.messages == [[7], [8]])
        try await harness.data(1, [], endStream: true)
        _ = try await harness.next()
        #expect(Self.body(try await harness.next()) == Self.framed([2]))
    }

    @Test func aGracefulShutdownSaysGoAwayTwiceAndClosesAfterTheLastCall() async throws {
        let harness = try await Harness()
        try await harness.request(1, extra: ["wait": "1"], endStream: false)
        try await harness.data(1, Self.framed([1]), endStream: true)
        for _ in 0..<200 where await harness.seen.metadata == nil { try await Task.sleep(for: .milliseconds(10)) }
        let channel = harness.channel
        try await channel.testingEventLoop.executeInContext {
            try channel.pipeline.syncOperations.handler(type: ServerCallsHandler.self).beginGracefulShutdown()
        }

        #expect(Self.goAway(try await harness.next()) == .maxID)
        guard case .ping(let ping, ack: false) = try await harness.next().payload else {
            Issue.record("a PING follows the first GOAWAY")
            return
        }
        try await harness.receive(0, .ping(ping, ack: true))
        #expect(Self.goAway(try await harness.next()) == 1)
        #expect(harness.channel.isActive, "open while its call runs")

        // The call ends (cancelled here): the connection closes.
        try await harness.receive(1, .rstStream(.cancel))
        try await harness.channel.closeFuture.get()
    }

    @Test func windowsAreReopenedOnceHalfUsedForTheConnectionAndStreamsStillSending() async throws {
        let harness = try await Harness()
        try await harness.request(1)
        let channel = harness.channel
        func used(_ streamID: Int, leaving size: Int) async throws {
            try await channel.testingEventLoop.executeInContext {
                channel.pipeline.syncOperations.fireUserInboundEventTriggered(
                    NIOHTTP2WindowUpdatedEvent(streamID: HTTP2StreamID(streamID), inboundWindowSize: size, outboundWindowSize: nil)
                )
            }
        }
        try await used(1, leaving: 40_000)  // under half used: nothing yet
        try await used(1, leaving: 30_000)
        try await used(0, leaving: 20_000)
        try await used(9, leaving: 1_000)  // no such call: its window is not reopened
        let frames = try await harness.written()
        let updates = frames.compactMap { frame -> [Int]? in
            guard case .windowUpdate(let increment) = frame.payload else { return nil }
            return [Int(frame.streamID), increment]
        }
        #expect(updates == [[1, 35_535], [0, 45_535]])
    }

    @Test func anIdleConnectionIsToldGoAwayAndClosed() async throws {
        let harness = try await Harness(maxIdle: .milliseconds(100))
        await harness.channel.testingEventLoop.advanceTime(by: .milliseconds(150))
        #expect(Self.goAway(try await harness.next()) == 0)
        try await harness.channel.closeFuture.get()
    }
}
