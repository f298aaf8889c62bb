import NIOConcurrencyHelpers
import NIOCore

/// Runs a call in a child task that a timer on a NIO event loop cancels at its deadline.
///
/// grpc-swift enforces `CallOptions.timeout` with a task group of two more tasks per call, one of
/// them sleeping on a timer of Swift's global executor; that timer stays armed (and keeps the task)
/// until the deadline, long after the call answered. A NIO scheduled task is taken off its loop's
/// timer heap as soon as the call ends.
enum CallDeadline {
    static func run<T: Sendable>(
        until deadline: ContinuousClock.Instant,
        on loop: any EventLoop,
        _ call: @escaping @Sendable () async -> T
    ) async -> T {
        async let result: T = {
            let canceller = TaskCanceller()
            let timer = loop.scheduleTask(in: .nanoseconds(ContinuousClock.now.duration(to: deadline).nanoseconds)) {
                canceller.cancel()
            }
            defer {
                canceller.finish()
                timer.cancel()
            }
            return await call()
        }()
        return await result
    }
}

/// Cancels the task that made it, until that task says it is finishing: the unsafe handle of a
/// task is only used while the task is alive, which the lock guarantees.
private final class TaskCanceller: Sendable {
    private struct Handle: @unchecked Sendable { let task: UnsafeCurrentTask }
    private let handle = NIOLockedValueBox<Handle?>(nil)

    init() {
        withUnsafeCurrentTask { task in handle.withLockedValue { $0 = task.map(Handle.init) } }
    }

    func cancel() { handle.withLockedValue { $0?.task.cancel() } }
    func finish() { handle.withLockedValue { $0 = nil } }
}
