import Foundation
import ToolboxCore

/// The signal-aware end of every plugin command: one line on failure, an exit status that
/// carries meaning (0 done, 1 failed, 2 refused, 130 interrupted). Every error type ends here,
/// not only the toolbox's own: an AWS, git, image or transport error is one line and status 1.
public enum CommandRunner {
    public static func run(_ work: () async throws -> Void) async throws {
        do {
            try await work()
        } catch let error as ToolboxError {
            fail(error.description, status: error.kind.rawValue)
        } catch is CancellationError {
            fail("interrupted", status: 130)
        } catch {
            fail(String(describing: error), status: ToolboxError.Kind.failed.rawValue)
        }
    }

    /// Synchronous commands (the image verbs) end the same way.
    public static func run(_ work: () throws -> Void) {
        do {
            try work()
        } catch let error as ToolboxError {
            fail(error.description, status: error.kind.rawValue)
        } catch {
            fail(String(describing: error), status: ToolboxError.Kind.failed.rawValue)
        }
    }

    private static func fail(_ message: String, status: Int32) -> Never {
        Console.error(message.split(whereSeparator: \.isNewline).joined(separator: " "))
        exit(status)
    }
}
