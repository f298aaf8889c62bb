import GRPCCore
import NIOCore
import NIOHPACK
import NIOHTTP2

/// What a unary call's stream has answered so far, and the call's outcome once it is known: the
/// reply message, or the error that its gRPC status (or, without one, its HTTP status) names.
struct UnaryResponse {
    private var sawHeaders = false
    private var body: ByteBuffer?

    /// The call's outcome when these headers end it (trailers, a trailers-only answer, or an HTTP
    /// error from a proxy); nil while more is to come.
    mutating func receive(headers: HPACKHeaders, endStream: Bool) -> Result<ByteBuffer, RPCError>? {
        if !sawHeaders {
            sawHeaders = true
            let status = headers.first(name: ":status") ?? ""
            if status != "200", headers.first(name: "grpc-status") == nil {
                return .failure(RPCError(code: Self.code(forHTTPStatus: status), message: "the server answered HTTP status \(status)"))
            }
            guard endStream else { return nil }
        }
        return outcome(trailers: headers)
    }

    mutating func receive(data: ByteBuffer) {
        guard body != nil else {
            body = data
            return
        }
        var more = data
        body!.writeBuffer(&more)
    }

    static let endedWithoutStatus = RPCError(code: .internalError, message: "the server's answer ended without a gRPC status")

    /// gRPC's mapping of an RST_STREAM code to the call's status.
    static func error(forReset code: HTTP2ErrorCode) -> RPCError {
        let message = "the server reset the call's stream (\(code))"
        switch code {
        case .refusedStream: return RPCError(code: .unavailable, message: message)
        case .cancel: return RPCError(code: .cancelled, message: message)
        case .enhanceYourCalm: return RPCError(code: .resourceExhausted, message: message)
        case .inadequateSecurity: return RPCError(code: .permissionDenied, message: message)
        default: return RPCError(code: .internalError, message: message)
        }
    }

    /// gRPC's mapping of an HTTP status without a gRPC status (a proxy's answer) to the call's status.
    static func code(forHTTPStatus status: String) -> RPCError.Code {
        switch status {
        case "400": return .internalError
        case "401": return .unauthenticated
        case "403": return .permissionDenied
        case "404": return .unimplemented
        case "429", "502", "503", "504": return .unavailable
        default: return .unknown
        }
    }

    private func outcome(trailers: HPACKHeaders) -> Result<ByteBuffer, RPCError> {
        guard let text = trailers.first(name: "grpc-status"), let raw = Int(text), let status = Status.Code(rawValue: raw) else {
            return .failure(RPCError(code: .internalError, message: "the server's trailers carry no valid grpc-status"))
        }
        guard let code = RPCError.Code(status) else { return replyMessage() }
        return .failure(RPCError(code: code, message: trailers.first(name: "grpc-message").map(Self.percentDecoded) ?? ""))
    }

    /// The one message of a unary reply, without its 5-byte prefix.
    private func replyMessage() -> Result<ByteBuffer, RPCError> {
        guard var body, let compressed = body.readInteger(as: UInt8.self), let length = body.readInteger(as: UInt32.self),
            let message = body.readSlice(length: Int(length))
        else {
            return .failure(RPCError(code: .internalError, message: "the server's reply holds no whole message"))
        }
        guard compressed == 0 else {
            return .failure(RPCError(code: .internalError, message: "the server compressed its reply, which this client did not ask for"))
        }
        return .success(message)
    }

    /// grpc-message is percent-encoded UTF-8.
    static func percentDecoded(_ text: String) -> String {
        var bytes: [UInt8] = []
        var utf8 = text.utf8[...]
        while let byte = utf8.popFirst() {
            if byte == UInt8(ascii: "%"), utf8.count >= 2,
                let value = UInt8(String(decoding: utf8.prefix(2), as: UTF8.self), radix: 16)
            {
                bytes.append(value)
                utf8 = utf8.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
