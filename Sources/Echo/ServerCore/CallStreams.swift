import GRPCCore
import NIOCore
import NIOHTTP2
import Synchronization

/// A request that is whole before its call starts (unary and server-streaming methods): its parts
/// are handed out from memory, with no waiting and no buffer shared with the connection.
struct ReceivedRequest: AsyncSequence, Sendable {
    typealias Element = RPCRequestPart<FrameBytes>
    let parts: [Element]

    struct AsyncIterator: AsyncIteratorProtocol {
        var parts: IndexingIterator<[Element]>
        mutating func next() async throws -> Element? { parts.next() }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(parts: parts.makeIterator()) }
}

/// What a call's task tells its connection, in the order the task did it.
enum CallEvent: Sendable {
    case started(ServerContext.RPCCancellationHandle)
    case part(RPCResponsePart<FrameBytes>)
    /// The service finished its answer; `failed` when it threw instead of sending a status.
    case finished(failed: Bool)
    /// The task is over.
    case ended
}

/// Shared by a call's task and its connection's event loop: whether the stream still takes an
/// answer, and how many of the task's events wait on the loop. An event from the loop itself goes
/// straight to the handler only when none wait, so the answer's parts stay in order.
final class CallGate: Sendable {
    private let closed = Atomic<Bool>(false)
    private let waiting = Atomic<Int>(0)

    var isClosed: Bool { closed.load(ordering: .relaxed) }
    func close() { closed.store(true, ordering: .relaxed) }

    /// Hands `event` to the connection's handler on its loop.
    func deliver(_ event: CallEvent, streamID: HTTP2StreamID, to calls: NIOLoopBound<ServerCallsHandler>, on loop: any EventLoop) {
        if loop.inEventLoop && waiting.load(ordering: .acquiring) == 0 {
            calls.value.receive(event, streamID: streamID)
            return
        }
        waiting.add(1, ordering: .releasing)
        loop.execute {
            self.waiting.subtract(1, ordering: .releasing)
            calls.value.receive(event, streamID: streamID)
        }
    }
}

/// The answer side of a call, as GRPCCore writes it: each part goes to the connection's handler.
struct ResponseWriter: ClosableRPCWriterProtocol {
    typealias Element = RPCResponsePart<FrameBytes>
    let streamID: HTTP2StreamID
    let calls: NIOLoopBound<ServerCallsHandler>
    let loop: any EventLoop
    let gate: CallGate

    func write(_ element: Element) async throws {
        // A stream the client reset or closed takes nothing more: a streaming answer stops here.
        guard !gate.isClosed else { throw RPCError(code: .cancelled, message: "the client closed the call's stream") }
        gate.deliver(.part(element), streamID: streamID, to: calls, on: loop)
    }

    func write(contentsOf elements: some Sequence<Element>) async throws {
        for element in elements { try await write(element) }
    }

    func finish() async { gate.deliver(.finished(failed: false), streamID: streamID, to: calls, on: loop) }

    func finish(throwing error: any Error) async { gate.deliver(.finished(failed: true), streamID: streamID, to: calls, on: loop) }
}
