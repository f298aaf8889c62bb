import Foundation

/// The signal-aware end of every plugin command: one line on failure, an exit status that
/// carries meaning (0 done, 1 failed, 2 refused, 130 interrupted).
public enum CommandRunner {
    public static func run(_ work: () async throws -> Void) async throws {
        do {
            try await work()
        } catch let error as ToolboxError {
            Console.error(error.description)
            exit(error.kind.rawValue)
        } catch is CancellationError {
            Console.error("interrupted")
            exit(130)
        }
    }
}
