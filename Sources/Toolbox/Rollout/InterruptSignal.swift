import Dispatch
import Foundation
import Synchronization
import ToolboxCore

/// Ctrl-C (SIGINT) and SIGTERM while a rollout runs. The first signal cancels the rollout's
/// work so it can stop where it stands and put traffic back in order; a second one quits at
/// once, and the journal still tells `make update` and `make rollback` where things stood.
public final class InterruptSignal: Sendable {
    private struct State {
        var count = 0
        /// Cancels the work under way.
        var cancelWork: (@Sendable () -> Void)?
    }

    private let state = Mutex(State())
    private let signals: [Int32]
    // Dispatch's sources are thread-safe but not marked Sendable; they are only created and cancelled here.
    nonisolated(unsafe) private let sources: [any DispatchSourceSignal]

    public init(signals: [Int32] = [SIGINT, SIGTERM]) {
        self.signals = signals
        sources = signals.map { number in
            signal(number, SIG_IGN)
            return DispatchSource.makeSignalSource(signal: number, queue: .global())
        }
        for (number, source) in zip(signals, sources) {
            source.setEventHandler { [weak self] in self?.received(number) }
            source.resume()
        }
    }

    /// True once a signal has arrived.
    public var fired: Bool { state.withLock { $0.count > 0 } }

    /// Runs `operation` as a task that the first signal cancels.
    public func cancellable<Result: Sendable>(_ operation: @escaping @Sendable () async throws -> Result) async throws -> Result {
        let task = Task { try await operation() }
        let alreadyFired = state.withLock { state in
            state.cancelWork = { task.cancel() }
            return state.count > 0
        }
        if alreadyFired { task.cancel() }
        defer { state.withLock { $0.cancelWork = nil } }
        return try await task.value
    }

    /// Gives the signals back their default meaning.
    public func remove() {
        for source in sources { source.cancel() }
        for number in signals { signal(number, SIG_DFL) }
    }

    private func received(_ number: Int32) {
        let (count, work) = state.withLock { state in
            state.count += 1
            return (state.count, state.cancelWork)
        }
        if count == 1 {
            Console.say("Interrupted: stopping the rollout where it stands (interrupt again to quit at once)...")
            work?()
        } else {
            // The signal's default action ends the process, as an uncaught signal would: the
            // library never calls exit() (only the CLI's CommandRunner decides exit statuses).
            Console.error("interrupted again: quitting now; make status shows where the rollout stands")
            signal(number, SIG_DFL)
            kill(getpid(), number)
        }
    }
}

/// Runs `work` to its end even when the calling task is cancelled: retiring or stopping a
/// revision half-way would leave tasks out of rotation but running.
func uninterrupted<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) async throws -> T {
    try await Task { try await work() }.value
}
