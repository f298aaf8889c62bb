import ToolboxHTTP

/// Just enough of gRPC's wire format for smoke calls over HTTP/2: unary messages whose first
/// field is a string (EchoRequest, HealthCheckRequest), and the first field of the answer.
enum GRPCWire {
    /// A length-prefixed message holding `text` as field 1 (wire type 2).
    static func frame(text: String) -> [UInt8] {
        let bytes = Array(text.utf8)
        let message = [0x0A] + varint(UInt64(bytes.count)) + bytes
        let length = UInt32(message.count)
        return [0, UInt8(length >> 24), UInt8((length >> 16) & 0xFF), UInt8((length >> 8) & 0xFF), UInt8(length & 0xFF)] + message
    }

    /// Field 1 of the first message in a response body: a string, or a number (an enum).
    enum Field: Equatable {
        case text(String)
        case number(UInt64)
    }

    static func firstField(of body: [UInt8]) -> Field? {
        guard body.count > 5 else { return nil }
        var reader = Array(body.dropFirst(5))[...]
        guard let key = reader.popFirst(), key >> 3 == 1 else { return nil }
        switch key & 0x7 {
        case 0:
            return readVarint(&reader).map(Field.number)
        case 2:
            guard let length = readVarint(&reader), reader.count >= Int(length) else { return nil }
            return .text(String(decoding: reader.prefix(Int(length)), as: UTF8.self))
        default:
            return nil
        }
    }

    /// The call's status: from the trailers, or from the headers of a trailers-only answer.
    static func status(of response: HTTPResponse) -> Int? {
        response.header("grpc-status").flatMap { Int($0) }
    }

    static func varint(_ value: UInt64) -> [UInt8] {
        var value = value
        var bytes: [UInt8] = []
        repeat {
            let low = UInt8(value & 0x7F)
            value >>= 7
            bytes.append(value == 0 ? low : low | 0x80)
        } while value != 0
        return bytes
    }

    static func readVarint(_ reader: inout ArraySlice<UInt8>) -> UInt64? {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while let byte = reader.popFirst(), shift < 64 {
            value |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return value }
            shift += 7
        }
        return nil
    }
}
