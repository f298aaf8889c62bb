import GRPCCore
import NIOCore

/// A gRPC message's bytes, kept in the `ByteBuffer` they arrived in or leave in: nothing is copied
/// between the HTTP/2 frames and the protobuf (de)serializer.
package struct FrameBytes: GRPCContiguousBytes, Sendable {
    package var buffer: ByteBuffer

    package init(_ buffer: ByteBuffer) { self.buffer = buffer }

    package init(repeating byte: UInt8, count: Int) { buffer = ByteBuffer(repeating: byte, count: count) }

    package init<Bytes: Sequence>(_ sequence: Bytes) where Bytes.Element == UInt8 { buffer = ByteBuffer(bytes: sequence) }

    package var count: Int { buffer.readableBytes }

    package func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try buffer.withUnsafeReadableBytes(body)
    }

    package mutating func withUnsafeMutableBytes<R>(_ body: (UnsafeMutableRawBufferPointer) throws -> R) rethrows -> R {
        try buffer.withUnsafeMutableReadableBytes(body)
    }
}
