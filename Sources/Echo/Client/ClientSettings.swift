import EchoService

/// The HTTP client's settings, from the environment as in the original (PORT, ECHO_HOST), plus ours.
///
/// - `PORT`: HTTP port, default 8080 (0 picks a free one, printed at start-up).
/// - `BIND_ADDRESS`: address to listen on, default 0.0.0.0.
/// - `ECHO_HOST`: the echo server (or the virtual service in front of it), `host:port`,
///   default localhost:50051.
/// - `ECHO_TIMEOUT`: the deadline of each call in seconds, default 2.
struct ClientSettings {
    var host = "0.0.0.0"
    var port = 8080
    var serverHost = "localhost"
    var serverPort = 50051
    var timeoutSeconds = 2.0

    var serverAddress: String { "\(serverHost):\(serverPort)" }

    init(environment: [String: String]) throws(ConfigurationError) {
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
    }
}
