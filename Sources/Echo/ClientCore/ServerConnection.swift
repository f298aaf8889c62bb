import GRPCCore
import NIOCore
import NIOHTTP2
import NIOPosix

/// The HTTP/2 connection from one event loop to the echo server, shared by every call made on
/// that loop: made on first use, and made again after the server closes it or sends GOAWAY (calls
/// already on a going-away connection finish there). Its state is read and changed only on `loop`.
final class ServerConnection: @unchecked Sendable {
    let loop: any EventLoop
    private let target: ServerTarget

    private enum State {
        case idle
        case connecting(EventLoopFuture<Usable>)
        case ready(Usable)
        case shutDown
    }

    struct Usable: Sendable {
        let channel: any Channel
        let calls: NIOLoopBound<UnaryCallsHandler>
    }

    private var state = State.idle
    /// Every open connection, the current one and those going away, to close at shutdown.
    private var open: [ObjectIdentifier: any Channel] = [:]

    init(loop: any EventLoop, target: ServerTarget) {
        self.loop = loop
        self.target = target
    }

    /// Makes one unary call; the reply message, or an `RPCError`.
    func call(_ request: UnaryRequest, timeout: TimeAmount) -> EventLoopFuture<ByteBuffer> {
        guard loop.inEventLoop else { return loop.flatSubmit { self.call(request, timeout: timeout) } }
        let promise = loop.makePromise(of: ByteBuffer.self)
        switch state {
        case .ready(let usable) where usable.calls.value.takesCalls:
            usable.calls.value.start(request, timeout: timeout, promise: promise)
        case .ready:
            // Out of stream IDs (it closes after its last call), or closing: calls go to a new one.
            start(request, timeout: timeout, promise: promise, once: connect())
        case .connecting(let usable):
            start(request, timeout: timeout, promise: promise, once: usable)
        case .idle:
            start(request, timeout: timeout, promise: promise, once: connect())
        case .shutDown:
            promise.fail(RPCError(code: .unavailable, message: "the echo client is shutting down"))
        }
        return promise.futureResult
    }

    private func start(
        _ request: UnaryRequest, timeout: TimeAmount, promise: EventLoopPromise<ByteBuffer>, once usable: EventLoopFuture<Usable>
    ) {
        usable.whenComplete { [self] result in
            switch result {
            case .success(let usable):
                usable.calls.value.start(request, timeout: timeout, promise: promise)
            case .failure(let error):
                promise.fail(RPCError(code: .unavailable, message: "cannot connect to the echo server at \(target.host):\(target.port)", cause: error))
            }
        }
    }

    private func connect() -> EventLoopFuture<Usable> {
        let usable = loop.makePromise(of: Usable.self)
        state = .connecting(usable.futureResult)
        let target = self.target
        let ready = loop.makePromise(of: Void.self)
        ClientBootstrap(group: loop)
            .connectTimeout(target.connectTimeout)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { [self] channel in
                channel.eventLoop.makeCompletedFuture {
                    let events = ConnectionEventsHandler(ready: ready, timeout: target.connectTimeout) { [self] in
                        goingAway(channel)
                    }
                    let calls = UnaryCallsHandler()
                    try target.configure(channel, calls: calls, events: events)
                    let bound = NIOLoopBound(calls, eventLoop: channel.eventLoop)
                    usable.completeWith(ready.futureResult.map { Usable(channel: channel, calls: bound) })
                }
            }
            .connect(host: target.host, port: target.port)
            .whenComplete { [self] result in
                switch result {
                case .success(let channel):
                    open[ObjectIdentifier(channel)] = channel
                    channel.closeFuture.whenComplete { [self] _ in closed(channel) }
                case .failure(let error):
                    ready.fail(ConnectionFailure.reason(error))
                    usable.fail(ConnectionFailure.reason(error))
                }
            }
        usable.futureResult.whenComplete { [self] result in
            guard case .connecting = state else {
                // Shut down while connecting.
                if case .success(let usable) = result { usable.channel.close(promise: nil) }
                return
            }
            switch result {
            case .success(let usable): state = .ready(usable)
            case .failure: state = .idle
            }
        }
        return usable.futureResult
    }

    /// New calls go to a new connection; those on this one finish there.
    private func goingAway(_ channel: any Channel) {
        if case .ready(let usable) = state, usable.channel === channel { state = .idle }
    }

    private func closed(_ channel: any Channel) {
        open[ObjectIdentifier(channel)] = nil
        goingAway(channel)
    }

    /// Closes every connection; later calls fail at once. Called after the HTTP server has
    /// answered its last request.
    func shutDown() -> EventLoopFuture<Void> {
        loop.flatSubmit { [self] in
            state = .shutDown
            let closing = open.values.map { $0.close() }
            return EventLoopFuture.andAllComplete(closing, on: loop)
        }
    }
}
