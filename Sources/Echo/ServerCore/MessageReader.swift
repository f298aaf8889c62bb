import GRPCCore
import NIOCore

/// gRPC's length-prefixed messages (a compression flag, a 4-byte length, the bytes) out of a
/// request's DATA frames, however the frames cut them.
package struct MessageReader {
    package enum Next: Equatable {
        case message(ByteBuffer)
        case needMore
        case failed(Status)
    }

    private let maxMessageBytes: Int
    private var pending: ByteBuffer?

    package init(maxMessageBytes: Int) { self.maxMessageBytes = maxMessageBytes }

    /// Whether bytes of an unfinished message are waiting.
    package var isMidMessage: Bool { pending.map { $0.readableBytes > 0 } ?? false }

    package mutating func append(_ bytes: ByteBuffer) {
        guard pending != nil else {
            pending = bytes
            return
        }
        var bytes = bytes
        pending!.writeBuffer(&bytes)
    }

    package mutating func next() -> Next {
        guard var buffer = pending, buffer.readableBytes >= 5,
              let compressed = buffer.getInteger(at: buffer.readerIndex, as: UInt8.self),
              let length = buffer.getInteger(at: buffer.readerIndex + 1, as: UInt32.self)
        else { return .needMore }
        guard compressed == 0 else {
            return .failed(Status(code: .internalError, message: "a compressed message arrived without grpc-encoding"))
        }
        guard length <= maxMessageBytes else {
            return .failed(Status(code: .resourceExhausted, message: "the request message is \(length) bytes, over the limit of \(maxMessageBytes)"))
        }
        guard buffer.readableBytes >= 5 + Int(length) else { return .needMore }
        buffer.moveReaderIndex(forwardBy: 5)
        let message = buffer.readSlice(length: Int(length))!
        // Nothing left: let go of the buffer rather than append the next frame to it.
        pending = buffer.readableBytes > 0 ? buffer : nil
        return .message(message)
    }

    /// A message as it goes out: uncompressed, its length first.
    package static func framed(_ message: ByteBuffer, allocator: ByteBufferAllocator) -> ByteBuffer {
        var framed = allocator.buffer(capacity: 5 + message.readableBytes)
        framed.writeInteger(UInt8(0))
        framed.writeInteger(UInt32(message.readableBytes))
        framed.writeImmutableBuffer(message)
        return framed
    }
}
