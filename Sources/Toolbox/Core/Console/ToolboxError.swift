
/// A failure the user reads as one line. The exit status says what kind it was:
/// 1 the work failed, 2 the request was refused (bad input, nothing changed).
public struct ToolboxError: Error, CustomStringConvertible, Sendable, Equatable {
    public enum Kind: Int32, Sendable {
        case failed = 1
        case refused = 2
        /// Stopped by Ctrl-C or SIGTERM, after putting things back in order.
        case interrupted = 130
    }

    public let description: String
    public let kind: Kind

    public init(_ description: String, kind: Kind = .failed) {
        self.description = description
        self.kind = kind
    }

    public static func refused(_ description: String) -> ToolboxError {
        ToolboxError(description, kind: .refused)
    }
}
