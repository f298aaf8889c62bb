/// Limits that keep a service reachable when peers hold connections open without using them:
/// idle and half-sent connections are closed after `idleSeconds`, at most `maxConnections` are
/// kept at once, and each connection and message is bounded. All from the environment, with
/// defaults safe behind HAProxy (which reconnects when a connection it kept idle is closed).
///
/// - `ECHO_IDLE_TIMEOUT`: seconds a connection may sit without a call, or with a request only
///   partly sent, before it is closed; default 120.
/// - `ECHO_MAX_CONNECTIONS`: connections served at once (more are closed on accept); default 512.
/// - `ECHO_MAX_CONCURRENT_STREAMS`: calls in flight on one HTTP/2 connection; default 256.
/// - `ECHO_MAX_MESSAGE_BYTES`: the largest request message; default 1 MiB.
public struct ConnectionLimits: Sendable, Equatable {
    public var idleSeconds = 120.0
    public var maxConnections = 512
    public var maxConcurrentStreams = 256
    public var maxMessageBytes = 1 << 20

    public init(environment: [String: String]) throws(ConfigurationError) {
        idleSeconds = try Self.number("ECHO_IDLE_TIMEOUT", environment, default: idleSeconds, in: 0.1...86_400)
        maxConnections = Int(try Self.number("ECHO_MAX_CONNECTIONS", environment, default: Double(maxConnections), in: 1...1_000_000))
        maxConcurrentStreams = Int(
            try Self.number("ECHO_MAX_CONCURRENT_STREAMS", environment, default: Double(maxConcurrentStreams), in: 1...10_000)
        )
        maxMessageBytes = Int(
            try Self.number("ECHO_MAX_MESSAGE_BYTES", environment, default: Double(maxMessageBytes), in: 1024...67_108_864)
        )
    }

    private static func number(
        _ key: String,
        _ environment: [String: String],
        default fallback: Double,
        in range: ClosedRange<Double>
    ) throws(ConfigurationError) -> Double {
        guard let text = environment[key], !text.isEmpty else { return fallback }
        guard let value = Double(text), range.contains(value) else {
            throw ConfigurationError("\(key) must be a number from \(range.lowerBound) to \(range.upperBound), got '\(text)'")
        }
        return value
    }
}
