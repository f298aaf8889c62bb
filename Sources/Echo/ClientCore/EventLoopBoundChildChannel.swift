import HummingbirdCore
import Logging
import NIOCore

/// Handles each HTTP connection in a task that prefers the connection's event loop (see
/// `EventLoopTaskExecutor`): reading a request, calling the echo server on the gRPC connection
/// of the same loop (`EchoCaller`) and writing the response then happen on one thread.
struct EventLoopBoundChildChannel<Inner: ServerChildChannel>: ServerChildChannel {
    typealias Value = Inner.Value
    let inner: Inner

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        inner.setup(channel: channel, logger: logger)
    }

    func handle(value: Value, logger: Logger) async {
        await withTaskExecutorPreference(EventLoopTaskExecutor(value.channel.eventLoop)) {
            await inner.handle(value: value, logger: logger)
        }
    }
}
