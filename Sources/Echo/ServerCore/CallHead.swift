import FoundationEssentials
import GRPCCore
import NIOHPACK

/// A call's request HEADERS, checked as gRPC over HTTP/2 requires: the method it names and the
/// metadata it carries. Anything else is answered without reaching a service.
package struct CallHead: Sendable {
    /// `/service/method`, as the request named it.
    package let path: String
    package let service: String
    package let method: String
    package let metadata: Metadata

    /// Why a HEADERS frame does not start a call: an HTTP status (not gRPC at all) or a gRPC status.
    package enum Refusal: Error, Equatable {
        case http(status: Int)
        case grpc(Status)
    }

    package static func parse(_ headers: HPACKHeaders) -> Result<CallHead, Refusal> {
        guard headers.first(name: ":method") == "POST" else { return .failure(.http(status: 405)) }
        guard let contentType = headers.first(name: "content-type"), contentType.hasPrefix("application/grpc") else {
            return .failure(.http(status: 415))
        }
        if let encoding = headers.first(name: "grpc-encoding"), encoding != "identity" {
            return .failure(.grpc(Status(code: .unimplemented, message: "compression (\(encoding)) is not supported")))
        }
        guard let path = headers.first(name: ":path"), path.hasPrefix("/") else {
            return .failure(.grpc(Status(code: .unimplemented, message: "the request has no method path")))
        }
        let parts = path.dropFirst().split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
            return .failure(.grpc(Status(code: .unimplemented, message: "'\(path)' is not a gRPC method path")))
        }
        return .success(CallHead(path: path, service: String(parts[0]), method: String(parts[1]), metadata: metadata(of: headers)))
    }

    /// Every header but HTTP/2's own and those that describe the framing; `grpc-timeout` stays (the
    /// call's deadline is read from it). Binary (`-bin`) values are base64, padded or not.
    static func metadata(of headers: HPACKHeaders) -> Metadata {
        var metadata = Metadata()
        for (name, value, _) in headers where !name.hasPrefix(":") && !framingHeaders.contains(name) {
            if name.hasSuffix("-bin") {
                guard let bytes = Base64.decode(value) else { continue }
                metadata.addBinary(bytes, forKey: name)
            } else {
                metadata.addString(value, forKey: name)
            }
        }
        return metadata
    }

    private static let framingHeaders: Set<String> = ["content-type", "te", "grpc-encoding", "grpc-accept-encoding"]
}

/// The headers a call's answer starts and ends with.
package enum ResponseHeaders {
    /// The start of an answer: HTTP 200, gRPC's content type and the service's metadata.
    package static func head(_ metadata: Metadata) -> HPACKHeaders {
        var headers: HPACKHeaders = [":status": "200", "content-type": "application/grpc"]
        add(metadata, to: &headers)
        return headers
    }

    /// The end of an answer; with `trailersOnly` (nothing sent before it) also its start.
    package static func trailers(_ status: Status, _ metadata: Metadata, trailersOnly: Bool) -> HPACKHeaders {
        var headers: HPACKHeaders = trailersOnly ? [":status": "200", "content-type": "application/grpc"] : [:]
        headers.add(name: "grpc-status", value: String(status.code.rawValue))
        if !status.message.isEmpty { headers.add(name: "grpc-message", value: percentEncoded(status.message)) }
        add(metadata, to: &headers)
        return headers
    }

    /// A request that is not a gRPC call: the HTTP status alone.
    package static func refusal(httpStatus: Int) -> HPACKHeaders { [":status": String(httpStatus)] }

    private static func add(_ metadata: Metadata, to headers: inout HPACKHeaders) {
        for (key, value) in metadata {
            switch value {
            case .string(let text): headers.add(name: key, value: text)
            case .binary(let bytes): headers.add(name: key, value: Base64.encode(bytes))
            }
        }
    }

    /// gRPC's percent-encoding of `grpc-message`: printable ASCII but '%' as is, every other byte as %XX.
    static func percentEncoded(_ message: String) -> String {
        var encoded = ""
        for byte in message.utf8 {
            if byte >= 0x20 && byte <= 0x7E && byte != UInt8(ascii: "%") {
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                encoded += "%" + String(byte >> 4, radix: 16, uppercase: true) + String(byte & 0xF, radix: 16, uppercase: true)
            }
        }
        return encoded
    }
}

/// Base64 for binary metadata, through FoundationEssentials' `Data`; gRPC peers may leave out the padding.
enum Base64 {
    static func encode(_ bytes: [UInt8]) -> String { Data(bytes).base64EncodedString() }

    static func decode(_ text: String) -> [UInt8]? {
        let padding = String(repeating: "=", count: (4 - text.utf8.count % 4) % 4)
        return Data(base64Encoded: text + padding).map { [UInt8]($0) }
    }
}
