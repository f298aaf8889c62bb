import NIOCore
import Synchronization

/// What the server is serving, across its event loops: the listener, each connection's calls
/// handler, and how many call tasks run. The server's `listen` returns once the listener and every
/// connection are closed and every call's task is over.
package final class CallTracker: Sendable {
    private struct Connection: Sendable {
        let channel: any Channel
        let calls: NIOLoopBound<ServerCallsHandler>
    }

    private struct State {
        var listener: (any Channel)?
        var listenerClosed = false
        var connections: [ObjectIdentifier: Connection] = [:]
        var runningCalls = 0
        var shuttingDown = false
        var done: CheckedContinuation<Void, Never>?

        var isDone: Bool { listenerClosed && connections.isEmpty && runningCalls == 0 }
    }

    private let state = Mutex(State())

    package init() {}

    func callStarted() { state.withLock { $0.runningCalls += 1 } }

    func callEnded() { resumeIfDone { $0.runningCalls -= 1 } }

    /// False when the server is already shutting down: the caller closes the connection.
    func opened(_ channel: any Channel, calls: NIOLoopBound<ServerCallsHandler>) -> Bool {
        state.withLock { state in
            guard !state.shuttingDown else { return false }
            state.connections[ObjectIdentifier(channel)] = Connection(channel: channel, calls: calls)
            return true
        }
    }

    func closed(_ channel: any Channel) { resumeIfDone { $0.connections[ObjectIdentifier(channel)] = nil } }

    func listening(on listener: any Channel) {
        let stopping = state.withLock { state in
            state.listener = listener
            return state.shuttingDown
        }
        listener.closeFuture.whenComplete { [self] _ in resumeIfDone { $0.listenerClosed = true } }
        if stopping { listener.close(promise: nil) }
    }

    /// New connections are refused and open ones go away once their calls are done.
    func beginGracefulShutdown() {
        for connection in stopListening() {
            connection.channel.eventLoop.execute { connection.calls.value.beginGracefulShutdown() }
        }
    }

    /// Every call is cancelled and every connection closed, now.
    func abort() {
        for connection in stopListening() {
            connection.channel.eventLoop.execute { connection.calls.value.abort() }
        }
    }

    /// Returns when everything is closed and every call is over.
    func stopped() async {
        await withCheckedContinuation { continuation in
            let resumeNow = state.withLock { state in
                if state.isDone { return true }
                state.done = continuation
                return false
            }
            if resumeNow { continuation.resume() }
        }
    }

    private func stopListening() -> [Connection] {
        let (listener, connections) = state.withLock { state in
            state.shuttingDown = true
            return (state.listener, Array(state.connections.values))
        }
        listener?.close(promise: nil)
        return connections
    }

    private func resumeIfDone(_ change: (inout State) -> Void) {
        let done = state.withLock { state -> CheckedContinuation<Void, Never>? in
            change(&state)
            guard state.isDone, let done = state.done else { return nil }
            state.done = nil
            return done
        }
        done?.resume()
    }
}
