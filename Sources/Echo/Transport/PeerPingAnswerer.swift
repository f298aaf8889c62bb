import NIOCore
import NIOHTTP2

/// Answers the peer's PING frames before swift-nio-http2 counts them as control frames.
///
/// grpc-go (the Go original, client and server) sends a PING every round trip while data flows,
/// to estimate the bandwidth-delay product. swift-nio-http2 allows 200 control frames in 30 s and
/// then drops the connection (ExcessiveControlFrames, a GOAWAY ENHANCE_YOUR_CALM); a loaded peer
/// reaches that in a second, and neither grpc-swift's client nor its server exposes the limit. This
/// handler sits in front of `NIOHTTP2Handler`, takes non-ACK PINGs out of the inbound bytes and
/// writes their ACK through `FrameInjector`, up to `maxAnswersPerSecond` and only while the
/// connection is writable: past that (a flood, or a peer that does not read) PINGs go on to
/// swift-nio-http2 and its limit, so answering never buffers without bound. Every other frame passes
/// unchanged, so the remaining limits (SETTINGS, RST_STREAM, empty DATA frames, stream errors) keep
/// their defaults.
public final class PeerPingAnswerer: ChannelInboundHandler, RemovableChannelHandler {
    public typealias InboundIn = ByteBuffer
    public typealias InboundOut = ByteBuffer

    private static let headerLength = 9
    private static let pingType: UInt8 = 0x6
    private static let ackFlag: UInt8 = 0x1

    private let injector: FrameInjector
    /// Bytes of the current frame's payload still to pass on unread.
    private var payloadToForward = 0
    /// A frame header split between two reads.
    private var partialHeader: [UInt8] = []
    /// The payload of a PING being taken out, and how many bytes of it are still to come.
    private var pingPayload: [UInt8] = []
    private var pingBytesToCome = 0
    private let maxAnswersPerSecond: Int
    private var answersThisSecond = 0
    private var secondStarted = NIODeadline.now()

    /// `prefaceLength`: the bytes before the first frame (a client's 24-byte connection preface,
    /// on a server), passed on unread.
    init(injector: FrameInjector, maxAnswersPerSecond: Int, prefaceLength: Int) {
        self.injector = injector
        self.maxAnswersPerSecond = maxAnswersPerSecond
        self.payloadToForward = prefaceLength
    }

    public func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        // Most reads hold whole frames and no PING: pass the buffer on as it is.
        if let remaining = Self.plainFramesOnly(buffer, payloadToForward: payloadToForward, idle: isAtFrameStart) {
            payloadToForward = remaining
            context.fireChannelRead(data)
            return
        }
        var input = buffer
        var output = context.channel.allocator.buffer(capacity: buffer.readableBytes)
        while input.readableBytes > 0 {
            if payloadToForward > 0 {
                let count = min(payloadToForward, input.readableBytes)
                var slice = input.readSlice(length: count)!
                output.writeBuffer(&slice)
                payloadToForward -= count
            } else if pingBytesToCome > 0 {
                let count = min(pingBytesToCome, input.readableBytes)
                pingPayload += input.readBytes(length: count)!
                pingBytesToCome -= count
                if pingBytesToCome == 0 { answerPing() }
            } else {
                let count = min(Self.headerLength - partialHeader.count, input.readableBytes)
                partialHeader += input.readBytes(length: count)!
                if partialHeader.count == Self.headerLength { startFrame(header: partialHeader, output: &output, context: context) }
            }
        }
        if output.readableBytes > 0 { context.fireChannelRead(wrapInboundOut(output)) }
    }

    private var isAtFrameStart: Bool { partialHeader.isEmpty && pingBytesToCome == 0 }

    private func startFrame(header: [UInt8], output: inout ByteBuffer, context: ChannelHandlerContext) {
        let length = Int(header[0]) << 16 | Int(header[1]) << 8 | Int(header[2])
        if Self.isPeerPing(type: header[3], flags: header[4], length: length), mayAnswer(context) {
            pingPayload = []
            pingBytesToCome = length
        } else {
            output.writeBytes(header)
            payloadToForward = length
        }
        partialHeader = []
    }

    /// Within the rate, and the connection is taking writes.
    private func mayAnswer(_ context: ChannelHandlerContext) -> Bool {
        guard context.channel.isWritable else { return false }
        let now = NIODeadline.now()
        if now - secondStarted >= .seconds(1) {
            secondStarted = now
            answersThisSecond = 0
        }
        answersThisSecond += 1
        return answersThisSecond <= maxAnswersPerSecond
    }

    private func answerPing() {
        var bytes = ByteBuffer(bytes: pingPayload)
        injector.write(HTTP2Frame(streamID: .rootStream, payload: .ping(HTTP2PingData(withInteger: bytes.readInteger()!), ack: true)))
    }

    private static func isPeerPing(type: UInt8, flags: UInt8, length: Int) -> Bool {
        // A PING of another length is a protocol error: NIOHTTP2Handler reports it.
        type == pingType && flags & ackFlag == 0 && length == 8
    }

    /// When `buffer` holds no PING and ends inside a payload or at a frame's end: the payload bytes
    /// of its last frame still to come. Nil when the buffer needs the byte-by-byte path.
    private static func plainFramesOnly(_ buffer: ByteBuffer, payloadToForward: Int, idle: Bool) -> Int? {
        guard idle else { return nil }
        var offset = buffer.readerIndex + payloadToForward
        let end = buffer.writerIndex
        while offset < end {
            guard end - offset >= headerLength,
                let header = buffer.getBytes(at: offset, length: 5)
            else { return nil }
            let length = Int(header[0]) << 16 | Int(header[1]) << 8 | Int(header[2])
            if isPeerPing(type: header[3], flags: header[4], length: length) { return nil }
            offset += headerLength + length
        }
        return offset - end
    }
}

/// Writes frames into the HTTP/2 connection from behind `NIOHTTP2Handler`, as if the gRPC
/// connection had written them; placed right after it in the pipeline.
public final class FrameInjector: ChannelOutboundHandler, RemovableChannelHandler {
    public typealias OutboundIn = HTTP2Frame
    public typealias OutboundOut = HTTP2Frame

    // Set and read only on the channel's event loop.
    private var context: ChannelHandlerContext?

    public func handlerAdded(context: ChannelHandlerContext) { self.context = context }
    public func handlerRemoved(context: ChannelHandlerContext) { self.context = nil }

    func write(_ frame: HTTP2Frame) {
        context?.writeAndFlush(wrapOutboundOut(frame), promise: nil)
    }
}

extension PeerPingAnswerer {
    /// Adds the answerer in front of the connection's HTTP/2 handler, and its injector behind it.
    /// A peer's BDP PINGs come at most once per round trip; 10,000 a second is far above that.
    /// `server`: the peer is a client, whose bytes start with the connection preface.
    public static func install(in pipeline: ChannelPipeline.SynchronousOperations, server: Bool, maxAnswersPerSecond: Int = 10_000) throws {
        let http2 = try pipeline.handler(type: NIOHTTP2Handler.self)
        let injector = FrameInjector()
        try pipeline.addHandler(injector, position: .after(http2))
        try pipeline.addHandler(PeerPingAnswerer(injector: injector, maxAnswersPerSecond: maxAnswersPerSecond, prefaceLength: server ? 24 : 0), position: .before(http2))
    }
}
