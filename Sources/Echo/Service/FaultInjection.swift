/// Faults for rollout tests, switched on by environment variables and off by default.
/// Never set these in production: they exist so tests can prove a rollout survives a bad version.
///
/// - `ECHO_FAULT_FAIL_RATE`: fraction (0...1) of Echo calls answered UNAVAILABLE.
/// - `ECHO_FAULT_UNHEALTHY=1`: health always reports NOT_SERVING.
/// - `ECHO_FAULT_EXIT_AFTER`: seconds after start-up at which the process exits (status 3).
/// - `ECHO_FAULT_START_DELAY`: seconds to wait before binding the port.
/// - `ECHO_FAULT_CALL_DELAY`: seconds each Echo call takes (a call is in flight that long).
public struct FaultInjection: Sendable, Equatable {
    public var failRate: Double = 0
    public var unhealthy = false
    public var exitAfterSeconds: Double?
    public var startDelaySeconds: Double = 0
    public var callDelaySeconds: Double = 0

    public static let off = FaultInjection()

    public init(
        failRate: Double = 0,
        unhealthy: Bool = false,
        exitAfterSeconds: Double? = nil,
        startDelaySeconds: Double = 0,
        callDelaySeconds: Double = 0
    ) {
        self.failRate = failRate
        self.unhealthy = unhealthy
        self.exitAfterSeconds = exitAfterSeconds
        self.startDelaySeconds = startDelaySeconds
        self.callDelaySeconds = callDelaySeconds
    }

    public var isOff: Bool { self == .off }

    /// Reads the switches; a malformed value is an error naming the variable.
    public init(environment: [String: String]) throws(ConfigurationError) {
        if let text = environment["ECHO_FAULT_FAIL_RATE"] {
            guard let rate = Double(text), (0...1).contains(rate) else {
                throw ConfigurationError("ECHO_FAULT_FAIL_RATE must be a number from 0 to 1, got '\(text)'")
            }
            failRate = rate
        }
        if let text = environment["ECHO_FAULT_UNHEALTHY"] {
            guard text == "0" || text == "1" else {
                throw ConfigurationError("ECHO_FAULT_UNHEALTHY must be 0 or 1, got '\(text)'")
            }
            unhealthy = text == "1"
        }
        exitAfterSeconds = try Self.seconds("ECHO_FAULT_EXIT_AFTER", environment)
        startDelaySeconds = try Self.seconds("ECHO_FAULT_START_DELAY", environment) ?? 0
        callDelaySeconds = try Self.seconds("ECHO_FAULT_CALL_DELAY", environment) ?? 0
    }

    private static func seconds(_ name: String, _ environment: [String: String]) throws(ConfigurationError) -> Double? {
        guard let text = environment[name] else { return nil }
        guard let value = Double(text), value >= 0 else {
            throw ConfigurationError("\(name) must be a number of seconds (0 or more), got '\(text)'")
        }
        return value
    }

    func shouldFailCall() -> Bool {
        failRate > 0 && Double.random(in: 0..<1) < failRate
    }
}

/// A bad setting, said in one line that names it.
public struct ConfigurationError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
