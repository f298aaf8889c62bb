import NIOCore
import NIOHPACK

/// A unary gRPC request as it goes on its HTTP/2 stream: the headers, then one length-prefixed
/// message that ends the stream.
package struct UnaryRequest: Sendable {
    var headers: HPACKHeaders
    var message: ByteBuffer

    /// `base` holds the headers every call sends (`UnaryRequest.baseHeaders`); the caller's metadata
    /// is added per call.
    ///
    /// No `grpc-timeout`: the client keeps the deadline itself and resets the stream when it passes
    /// (RST_STREAM CANCEL), which grpc-swift and grpc-go servers turn into the call's cancellation,
    /// the same signal and at the same moment as the header would give. Sent, the header cost
    /// echo-server 13 % of its CPU per call (grpc-swift runs such a call in a task group with a
    /// sleeping child task) and changed nothing it does (docs/echo-bench.md). The Go original's
    /// client sends none either.
    package init(base: HPACKHeaders, metadata: [(name: String, value: String)], message bytes: [UInt8]) {
        headers = base
        for (name, value) in metadata { headers.add(name: name, value: value) }
        // The gRPC message prefix: not compressed, then the length as a 32-bit big-endian number.
        message = ByteBuffer()
        message.reserveCapacity(5 + bytes.count)
        message.writeInteger(UInt8(0))
        message.writeInteger(UInt32(bytes.count))
        message.writeBytes(bytes)
    }

    /// The pseudo-headers and the headers gRPC requires, in the order HTTP/2 wants them.
    package static func baseHeaders(path: String, authority: String, scheme: String) -> HPACKHeaders {
        [
            ":method": "POST",
            ":scheme": scheme,
            ":path": path,
            ":authority": authority,
            "content-type": "application/grpc",
            "te": "trailers",
            "user-agent": "echo-client",
        ]
    }
}
