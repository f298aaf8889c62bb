
/// A failed AWS call: the service's own error (status, code, message) or a transport failure
/// that outlived the retries. `description` is the one line a user reads.
public struct AWSError: Error, Sendable, Equatable, CustomStringConvertible {
    public var service: String
    public var operation: String
    /// AWS's error code without namespace ("ClusterNotFoundException"), or "TransportFailure".
    public var code: String
    public var message: String
    /// The `x-amzn-RequestId` (or XML RequestId) AWS support asks for; nil when none came back.
    public var requestID: String?
    /// HTTP status; 0 when no response arrived.
    public var status: Int
    /// Attempts made, retries included.
    public var attempts: Int

    public init(
        service: String, operation: String, code: String, message: String, requestID: String? = nil,
        status: Int, attempts: Int = 1
    ) {
        self.service = service
        self.operation = operation
        self.code = code
        self.message = message
        self.requestID = requestID
        self.status = status
        self.attempts = attempts
    }

    public var description: String {
        var line = "\(service) \(operation) failed: \(code)"
        if !message.isEmpty { line += ": \(message.split(whereSeparator: \.isNewline).joined(separator: " "))" }
        var details: [String] = []
        if status > 0 { details.append("HTTP \(status)") }
        if attempts > 1 { details.append("\(attempts) attempts") }
        if let requestID, !requestID.isEmpty { details.append("request id \(requestID)") }
        return details.isEmpty ? line : line + " (" + details.joined(separator: ", ") + ")"
    }

    /// Whether AWS said the named resource does not exist (codes vary by service).
    public var isNotFound: Bool {
        code.hasSuffix("NotFoundException") || code.hasSuffix("NotFound") || code.hasPrefix("NoSuch")
            || code.hasSuffix(".NotFound") || code == "ResourceNotFoundException"
    }
}

/// Configuration that is missing or wrong before any call is made (no region, no credentials).
public struct AWSConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) { self.message = message }

    /// No provider of the chain had credentials.
    public static let noCredentials = AWSConfigurationError(
        "no AWS credentials found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE "
            + "with ~/.aws/credentials (for the emulator any non-empty values do)")

    public var description: String { message }
}
