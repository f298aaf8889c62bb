import EchoService
import NIOCore

/// First in each HTTP connection's pipeline: counts the connection while it is open and
/// closes it at once when `connections` is already at its limit.
final class ConnectionCapHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = NIOAny
    private let connections: OpenConnections
    private var admitted = false

    init(connections: OpenConnections) { self.connections = connections }

    func handlerAdded(context: ChannelHandlerContext) {
        admitted = connections.admit()
        if !admitted { context.close(promise: nil) }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        if admitted { connections.release() }
        admitted = false
    }
}
