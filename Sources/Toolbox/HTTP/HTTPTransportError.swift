/// Why an HTTP exchange produced no response at all (a response with any status is not an error here).
///
/// The kind is what callers decide on: the AWS retry policy retries `connect` and `timeout`,
/// never `tls` (a certificate problem does not heal by itself) or `invalidRequest`.
public struct HTTPTransportError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, Equatable {
        /// Name resolution failed, the connection was refused or dropped before an answer.
        case connect
        /// The connect or total timeout expired.
        case timeout
        /// Certificate verification or the TLS handshake failed.
        case tls
        /// The task was cancelled while the request was in flight.
        case cancelled
        /// The request could not be sent as given (bad URL, unreadable body file, ...).
        case invalidRequest
        /// Anything else the transport reported.
        case other
    }

    public var kind: Kind
    /// The URL without its query (queries can carry presigned credentials).
    public var url: String
    /// The transport's own words, for the one line a user reads.
    public var message: String

    public init(kind: Kind, url: String, message: String) {
        self.kind = kind
        self.url = url.split(separator: "?", maxSplits: 1).first.map(String.init) ?? url
        self.message = message
    }

    /// Connection failures and timeouts are worth another attempt; the rest are not.
    public var isTransient: Bool { kind == .connect || kind == .timeout }

    public var description: String { "\(kind.rawValue) error for \(url): \(message)" }
}
