import EchoService
import FoundationEssentials

/// The HTTP client's settings, from the environment as in the original (PORT, ECHO_HOST), plus ours.
///
/// - `PORT`: HTTP port, default 8080 (0 picks a free one, printed at start-up).
/// - `BIND_ADDRESS`: address to listen on, default 0.0.0.0.
/// - `ECHO_HOST`: the echo server (or the virtual service in front of it), `host:port`,
///   default localhost:50051.
/// - `ECHO_TIMEOUT`: the deadline of each call in seconds, default 2.
/// - `ECHO_SERVER_CA_PEM` (the PEM text) or `ECHO_SERVER_CA_FILE` (a PEM file): call the server
///   over TLS, trusting only this CA; unset: plaintext, as in the original.
/// - `ECHO_SERVER_NAME`: the name the server's certificate must carry (and the SNI), default the
///   host of ECHO_HOST.
/// - `CANARY_HEADER`: the HTTP header forwarded to the gRPC call as metadata of the same name and
///   value (so a router matching it can send the call to a staged revision), default x-canary.
///   Only requests that carry it send it.
package struct ClientSettings: Sendable {
    package var host = "0.0.0.0"
    package var port = 8080
    package var serverHost = "localhost"
    package var serverPort = 50051
    package var timeoutSeconds = 2.0
    /// The CA bundle (PEM) that signs the server's certificate; nil: plaintext.
    package var serverCAPEM: String?
    package var serverName: String?
    /// Lower case, as HTTP/2 and gRPC metadata spell header names.
    package var canaryHeader = "x-canary"

    package var serverAddress: String { "\(serverHost):\(serverPort)" }

    package init(environment: [String: String]) throws(ConfigurationError) {
        let listen = try ListenAddress(environment: environment, defaultPort: 8080)
        host = listen.host
        port = listen.port
        if let text = environment["ECHO_HOST"] {
            guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
                (1...65535).contains(port), colon != text.startIndex
            else {
                throw ConfigurationError("ECHO_HOST must be host:port, got '\(text)'")
            }
            let host = text[..<colon]
            // An IPv6 literal comes bracketed ("[::1]:50051"); the resolver wants it bare.
            serverHost = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : String(host)
            serverPort = port
        }
        if let text = environment["ECHO_TIMEOUT"] {
            guard let seconds = Double(text), seconds > 0 else {
                throw ConfigurationError("ECHO_TIMEOUT must be a positive number of seconds, got '\(text)'")
            }
            timeoutSeconds = seconds
        }
        serverCAPEM = try Self.caBundle(environment)
        if let name = environment["ECHO_SERVER_NAME"], !name.isEmpty {
            guard serverCAPEM != nil else {
                throw ConfigurationError("ECHO_SERVER_NAME needs ECHO_SERVER_CA_PEM or ECHO_SERVER_CA_FILE (it names the TLS server)")
            }
            serverName = name
        }
        if let name = environment["CANARY_HEADER"] {
            canaryHeader = try Self.metadataKey(name)
        }
    }

    /// A header name that is also a plain gRPC metadata key: a token of lower-case letters, digits,
    /// `-`, `_` and `.`, not reserved by gRPC (`grpc-`) and not binary (`-bin`).
    private static func metadataKey(_ name: String) throws(ConfigurationError) -> String {
        let key = name.lowercased()
        let allowed = key.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || "-_.".unicodeScalars.contains($0) }
        let reserved = ["te", "content-type", "user-agent", "host", "connection"]
        guard !key.isEmpty, allowed, !key.hasPrefix("grpc-"), !key.hasSuffix("-bin"), !reserved.contains(key) else {
            throw ConfigurationError("CANARY_HEADER must be a header name of letters, digits, - _ . (not grpc-*, *-bin or a reserved header), got '\(name)'")
        }
        return key
    }

    /// The PEM text from the environment or from a file; refused unless it holds a certificate.
    private static func caBundle(_ environment: [String: String]) throws(ConfigurationError) -> String? {
        let inline = environment["ECHO_SERVER_CA_PEM"].flatMap { $0.isEmpty ? nil : $0 }
        let path = environment["ECHO_SERVER_CA_FILE"].flatMap { $0.isEmpty ? nil : $0 }
        let pem: String
        switch (inline, path) {
        case (nil, nil):
            return nil
        case (_?, _?):
            throw ConfigurationError("set ECHO_SERVER_CA_PEM or ECHO_SERVER_CA_FILE, not both")
        case (let text?, nil):
            pem = text
        case (nil, let path?):
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw ConfigurationError("ECHO_SERVER_CA_FILE '\(path)' cannot be read")
            }
            pem = text
        }
        // firstRange is the standard library's; contains(String) would resolve to full Foundation's and link it.
        guard pem.firstRange(of: "-----BEGIN CERTIFICATE-----") != nil else {
            throw ConfigurationError("the server CA bundle must be PEM certificates (-----BEGIN CERTIFICATE-----)")
        }
        return pem
    }
}
