import Foundation
import ToolboxHTTP

/// AWS Signature Version 4, as a pure function of the request, credentials, region, service and time.
///
/// The stages carry AWS's names and are public so each can be checked on its own:
/// canonical request → string to sign → signing key → signature → Authorization header.
/// Nothing here reads a clock or the environment.
public enum SigV4Signer {
    /// Every intermediate value of one signature, for tests and debugging.
    public struct Signature: Sendable {
        public var canonicalRequest: String
        public var stringToSign: String
        public var signature: String
        public var signedHeaders: String
        /// The request with `X-Amz-Date`, `X-Amz-Security-Token` (if any) and `Authorization` set.
        public var signedRequest: HTTPRequest
    }

    public static let algorithm = "AWS4-HMAC-SHA256"

    /// Headers never signed: hop-by-hop headers and ones that proxies rewrite (the list botocore uses).
    public static let unsignedHeaders: Set<String> = [
        "authorization", "connection", "expect", "keep-alive", "proxy-authenticate", "proxy-authorization", "te",
        "trailer", "transfer-encoding", "upgrade", "user-agent", "x-amzn-trace-id",
    ]

    /// Signs `request` with the `Authorization` header.
    public static func sign(
        _ request: HTTPRequest, credentials: AWSCredentials, region: String, service: String, date: Date
    ) -> Signature {
        let timestamp = SigV4Timestamp(date)
        var request = request
        request.headers.removeAll {
            ["authorization", "x-amz-date", "x-amz-security-token"].contains($0.name.lowercased())
        }
        request.headers.append((name: "X-Amz-Date", value: timestamp.dateTime))
        if let token = credentials.sessionToken { request.headers.append((name: "X-Amz-Security-Token", value: token)) }

        let canonical = canonicalRequest(request, payloadHash: Digest.hex(Digest.sha256(request.body)))
        let scope = credentialScope(date: timestamp.date, region: region, service: service)
        let toSign = stringToSign(canonicalRequest: canonical.text, timestamp: timestamp.dateTime, scope: scope)
        let key = signingKey(
            secret: credentials.secretAccessKey, date: timestamp.date, region: region, service: service)
        let signature = self.signature(signingKey: key, stringToSign: toSign)
        request.headers.append(
            (
                name: "Authorization",
                value: "\(algorithm) Credential=\(credentials.accessKeyID)/\(scope), "
                    + "SignedHeaders=\(canonical.signedHeaders), Signature=\(signature)"
            ))
        return Signature(
            canonicalRequest: canonical.text, stringToSign: toSign, signature: signature,
            signedHeaders: canonical.signedHeaders, signedRequest: request)
    }

    /// The canonical request and the list of signed header names (`a;b;c`).
    public static func canonicalRequest(_ request: HTTPRequest, payloadHash: String) -> (
        text: String, signedHeaders: String
    ) {
        let url = SigningURL(request.url)
        let headers = canonicalHeaders(request)
        let text = [
            request.method.uppercased(), canonicalURI(url.path), canonicalQuery(url.query), headers.lines,
            headers.signedHeaders, payloadHash,
        ].joined(separator: "\n")
        return (text, headers.signedHeaders)
    }

    /// `name:value` lines of the signed headers (lower-case names, sorted, repeated values joined by
    /// commas in the order sent, Host added when absent) and their names joined by `;`.
    public static func canonicalHeaders(_ request: HTTPRequest) -> (lines: String, signedHeaders: String) {
        var grouped: [String: [String]] = [:]
        for (name, value) in request.headers {
            let lowered = name.lowercased()
            guard !unsignedHeaders.contains(lowered) else { continue }
            grouped[lowered, default: []].append(trimAll(value))
        }
        if grouped["host"] == nil { grouped["host"] = [SigningURL(request.url).hostHeader] }
        let names = grouped.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        let lines = names.map { "\($0):\(grouped[$0]!.joined(separator: ","))\n" }.joined()
        return (lines, names.joined(separator: ";"))
    }

    /// `date/region/service/aws4_request`.
    public static func credentialScope(date: String, region: String, service: String) -> String {
        "\(date)/\(region)/\(service)/aws4_request"
    }

    public static func stringToSign(canonicalRequest: String, timestamp: String, scope: String) -> String {
        [algorithm, timestamp, scope, Digest.hex(Digest.sha256(canonicalRequest))].joined(separator: "\n")
    }

    /// The key derived from the secret through date, region and service.
    public static func signingKey(secret: String, date: String, region: String, service: String) -> [UInt8] {
        var key = Array("AWS4\(secret)".utf8)
        for part in [date, region, service, "aws4_request"] {
            key = Digest.hmacSHA256(key: key, message: Array(part.utf8))
        }
        return key
    }

    public static func signature(signingKey: [UInt8], stringToSign: String) -> String {
        Digest.hex(Digest.hmacSHA256(key: signingKey, message: Array(stringToSign.utf8)))
    }

    /// The path with dot segments and empty segments removed, then encoded again: every service but
    /// S3 signs the already-encoded path encoded a second time.
    public static func canonicalURI(_ path: String) -> String {
        var segments: [Substring] = []
        for segment in path.split(separator: "/", omittingEmptySubsequences: true) where segment != "." {
            if segment == ".." { _ = segments.popLast() } else { segments.append(segment) }
        }
        let trailingSlash = path.hasSuffix("/") && !segments.isEmpty
        let normalized = "/" + segments.joined(separator: "/") + (trailingSlash ? "/" : "")
        return URIEncoding.encode(normalized, keepSlash: true)
    }

    /// Query pairs encoded the strict way (decoded first, so any spelling of one value signs the same),
    /// sorted by key and then value.
    public static func canonicalQuery(_ query: String) -> String {
        guard !query.isEmpty else { return "" }
        let pairs = query.split(separator: "&", omittingEmptySubsequences: false).map { pair -> (String, String) in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let value = parts.count > 1 ? parts[1] : ""
            return (URIEncoding.encode(URIEncoding.decode(parts[0])), URIEncoding.encode(URIEncoding.decode(value)))
        }
        return pairs.sorted {
            $0.0 == $1.0
                ? $0.1.utf8.lexicographicallyPrecedes($1.1.utf8) : $0.0.utf8.lexicographicallyPrecedes($1.0.utf8)
        }.map { "\($0.0)=\($0.1)" }.joined(separator: "&")
    }

    /// Trims a header value and folds every run of whitespace (spaces, tabs, line breaks) into one space.
    public static func trimAll(_ value: String) -> String {
        value.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
