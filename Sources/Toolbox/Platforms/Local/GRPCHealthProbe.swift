
/// A grpc.health.v1 Check as raw bytes, for HAProxy's `tcp-check send-binary`: HAProxy 2.6's
/// httpchk cannot send a gRPC request body, so the whole HTTP/2 exchange is built here
/// (client preface, SETTINGS, HEADERS, DATA), and the check passes when the answer contains the
/// gRPC message `HealthCheckResponse{status: SERVING}`.
public enum GRPCHealthProbe {
    /// The request bytes for a Check of `service` ("" for the server as a whole).
    public static func request(service: String) -> [UInt8] {
        let preface = Array("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".utf8)
        let settings = frame(type: 0x4, flags: 0, stream: 0, payload: [])
        var headerBlock: [UInt8] = [0x83, 0x86]  // :method POST, :scheme http (HPACK static table)
        headerBlock += literal(nameIndex: 4, value: "/grpc.health.v1.Health/Check")  // :path
        headerBlock += literal(nameIndex: 1, value: "localhost")  // :authority
        headerBlock += [0x0F, 0x10] + string("application/grpc")  // content-type (static index 31)
        headerBlock += [0x00] + string("te") + string("trailers")
        let headers = frame(type: 0x1, flags: 0x4, stream: 1, payload: headerBlock)  // END_HEADERS
        let message = [0x0A, UInt8(service.utf8.count)] + Array(service.utf8)  // field 1: service
        let data = frame(type: 0x0, flags: 0x1, stream: 1, payload: grpcMessage(service.isEmpty ? [] : message))  // END_STREAM
        return preface + settings + headers + data
    }

    /// The bytes a SERVING answer contains: a gRPC message of 2 bytes, field 1 = 1.
    public static let servingResponse: [UInt8] = grpcMessage([0x08, 0x01])

    private static func grpcMessage(_ payload: [UInt8]) -> [UInt8] {
        let length = UInt32(payload.count)
        return [0, UInt8(length >> 24), UInt8(length >> 16 & 0xFF), UInt8(length >> 8 & 0xFF), UInt8(length & 0xFF)] + payload
    }

    private static func frame(type: UInt8, flags: UInt8, stream: UInt32, payload: [UInt8]) -> [UInt8] {
        let length = payload.count
        let header: [UInt8] = [
            UInt8(length >> 16 & 0xFF), UInt8(length >> 8 & 0xFF), UInt8(length & 0xFF), type, flags,
            UInt8(stream >> 24 & 0x7F), UInt8(stream >> 16 & 0xFF), UInt8(stream >> 8 & 0xFF), UInt8(stream & 0xFF),
        ]
        return header + payload
    }

    /// A header field "literal without indexing" whose name is a static-table entry below 15.
    private static func literal(nameIndex: UInt8, value: String) -> [UInt8] {
        [nameIndex] + string(value)
    }

    /// An HPACK string without Huffman coding (every value here is under 127 bytes).
    private static func string(_ text: String) -> [UInt8] {
        [UInt8(text.utf8.count)] + Array(text.utf8)
    }
}
