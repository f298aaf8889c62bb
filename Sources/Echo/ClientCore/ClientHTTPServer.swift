import EchoService
import Hummingbird
import HummingbirdCore
import NIOCore

/// The client's HTTP/1.1 server with the connection limits: a connection idle, or with a
/// request only partly sent, for longer than the idle timeout is closed (Hummingbird's read
/// timeout), and connections over the cap are closed as they arrive.
package enum ClientHTTPServer {
    package static func http1(_ limits: ConnectionLimits) -> HTTPServerBuilder {
        let connections = OpenConnections(limit: limits.maxConnections)
        return .http1(
            configuration: .init(
                additionalChannelHandlers: [ConnectionCapHandler(connections: connections)],
                idleTimeout: .milliseconds(Int64(limits.idleSeconds * 1000))
            )
        )
    }
}
