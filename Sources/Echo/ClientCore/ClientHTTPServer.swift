import EchoService
import Hummingbird
import HummingbirdCore
import NIOCore

/// The client's HTTP/1.1 server with the connection limits: a connection idle, or with a
/// request only partly sent, for longer than the idle timeout is closed (Hummingbird's read
/// timeout), and connections over the cap are closed as they arrive. Each connection is handled
/// on its event loop (`EventLoopBoundChildChannel`).
package enum ClientHTTPServer {
    package static func http1(_ limits: ConnectionLimits) -> HTTPServerBuilder {
        let connections = OpenConnections(limit: limits.maxConnections)
        let configuration = HTTP1Channel.Configuration(
            additionalChannelHandlers: [ConnectionCapHandler(connections: connections)],
            idleTimeout: .milliseconds(Int64(limits.idleSeconds * 1000))
        )
        return HTTPServerBuilder { responder in
            EventLoopBoundChildChannel(inner: HTTP1Channel(responder: responder, configuration: configuration))
        }
    }
}
