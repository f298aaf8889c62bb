import CLibgit2

/// A libgit2 call that failed: which operation, libgit2's code and its own message.
public struct GitError: Error, CustomStringConvertible, Sendable {
    public var operation: String
    public var code: Int32
    public var message: String

    public var description: String { "git: \(operation) failed (\(code)): \(message)" }

    /// Reads libgit2's thread-local last error right after a failed call.
    static func last(_ operation: String, code: Int32) -> GitError {
        let message = git_error_last().map { String(cString: $0.pointee.message) } ?? "no details"
        return GitError(operation: operation, code: code, message: message)
    }
}

/// Runs a libgit2 call and turns a negative return code into a `GitError`.
@discardableResult
func gitCheck(_ operation: String, _ call: () -> Int32) throws -> Int32 {
    let code = call()
    if code < 0 { throw GitError.last(operation, code: code) }
    return code
}
