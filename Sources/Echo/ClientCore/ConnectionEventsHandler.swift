import NIOCore
import NIOHTTP2
import NIOPosix

/// Sits behind a connection's HTTP/2 handler and tells its `ServerConnection` what callers need to
/// know: the connection is usable (the server's first SETTINGS arrived), the server sent GOAWAY (no
/// new calls on it), or it failed before being usable (with the first error seen, such as a TLS
/// handshake's, so a call's failure can name it).
final class ConnectionEventsHandler: ChannelInboundHandler {
    typealias InboundIn = HTTP2Frame

    private let ready: EventLoopPromise<Void>
    private let goAway: @Sendable () -> Void
    private let timeout: TimeAmount
    private var firstError: (any Error)?
    private var timer: Scheduled<Void>?

    init(ready: EventLoopPromise<Void>, timeout: TimeAmount, goAway: @escaping @Sendable () -> Void) {
        self.ready = ready
        self.timeout = timeout
        self.goAway = goAway
    }

    func handlerAdded(context: ChannelHandlerContext) {
        timer = context.eventLoop.assumeIsolated().scheduleTask(in: timeout) { [self] in
            ready.fail(ConnectionFailure.notReady(within: timeout, error: firstError))
            context.close(promise: nil)
        }
        ready.futureResult.whenComplete { [timer] _ in timer?.cancel() }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data).payload {
        case .settings(.settings):
            ready.succeed()
        case .goAway:
            goAway()
        default:
            break
        }
        context.fireChannelRead(data)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if firstError == nil { firstError = error }
        context.fireErrorCaught(error)
    }

    func channelInactive(context: ChannelHandlerContext) {
        ready.fail(firstError ?? ConnectionFailure.closedBeforeSettings)
        context.fireChannelInactive()
    }
}

/// Why a connection never became usable, when no error of TCP or TLS says it.
enum ConnectionFailure: Error, CustomStringConvertible {
    case closedBeforeSettings
    case notReady(within: TimeAmount, error: (any Error)?)
    /// The name did not resolve, or no address took the connection: the first reason.
    case unreachable(String)

    var description: String {
        switch self {
        case .closedBeforeSettings:
            return "the server closed the connection before its HTTP/2 settings (not an HTTP/2 server, or TLS expected?)"
        case .notReady(let timeout, let error):
            let seconds = Double(timeout.nanoseconds) / 1e9
            return "no HTTP/2 settings from the server within \(seconds) s" + (error.map { " (\($0))" } ?? "")
        case .unreachable(let reason):
            return reason
        }
    }
}

extension ConnectionFailure {
    /// NIO's connection error lists every address tried; the first failure says enough in one line.
    static func reason(_ error: any Error) -> any Error {
        guard let error = error as? NIOConnectionError else { return error }
        if let dns = error.dnsAError ?? error.dnsAAAAError { return unreachable("DNS error for \(error.host): \(dns)") }
        return error.connectionErrors.first.map { unreachable("\($0.target): \($0.error)") } ?? error
    }
}
