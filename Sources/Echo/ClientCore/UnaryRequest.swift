import NIOCore
import NIOHPACK

/// A unary gRPC request as it goes on its HTTP/2 stream: the headers, then one length-prefixed
/// message that ends the stream.
package struct UnaryRequest: Sendable {
    var headers: HPACKHeaders
    var message: ByteBuffer

    /// `base` holds the headers every call sends (`UnaryRequest.baseHeaders`); the deadline and
    /// the caller's metadata are added per call.
    package init(base: HPACKHeaders, timeout: TimeAmount, metadata: [(name: String, value: String)], message bytes: [UInt8]) {
        headers = base
        headers.add(name: GRPCTimeoutHeader.name, value: GRPCTimeoutHeader.value(for: timeout))
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
