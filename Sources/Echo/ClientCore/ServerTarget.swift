import EchoService
import EchoTransport
import NIOCore
import NIOHPACK
import NIOHTTP2
import NIOSSL

/// Where and how the client reaches the echo server: its address, TLS (trusting only the given
/// CA, with full verification of the server's name) or plaintext, and the HTTP/2 settings.
struct ServerTarget: Sendable {
    let host: String
    let port: Int
    /// The headers every call sends (path, authority, scheme).
    let baseHeaders: HPACKHeaders
    let tls: NIOSSLContext?
    /// The name the certificate is checked against, and the SNI.
    let serverHostname: String?
    /// How long a connection may take to be usable (TCP, TLS and the server's first SETTINGS):
    /// a quarter of the call's deadline, at most a second, so that calls waiting on a connection
    /// that hangs still have time to be retried on the next one.
    let connectTimeout: TimeAmount

    init(settings: ClientSettings, path: String) throws(ConfigurationError) {
        host = settings.serverHost
        port = settings.serverPort
        tls = try settings.serverCAPEM.map(Self.tlsContext)
        serverHostname = settings.serverName ?? (Self.isIPAddress(host) ? nil : host)
        let authority = settings.serverName ?? (host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)")
        baseHeaders = UnaryRequest.baseHeaders(path: path, authority: authority, scheme: tls == nil ? "http" : "https")
        connectTimeout = .milliseconds(Int64(min(1.0, max(0.1, settings.timeoutSeconds / 4)) * 1000))
    }

    private static func tlsContext(_ pem: String) throws(ConfigurationError) -> NIOSSLContext {
        do {
            var configuration = TLSConfiguration.makeClientConfiguration()
            configuration.trustRoots = .certificates(try NIOSSLCertificate.fromPEMBytes(Array(pem.utf8)))
            configuration.certificateVerification = .fullVerification
            configuration.applicationProtocols = ["h2"]
            return try NIOSSLContext(configuration: configuration)
        } catch {
            throw ConfigurationError("the server CA bundle cannot be read as PEM certificates: \(error)")
        }
    }

    private static func isIPAddress(_ host: String) -> Bool {
        (try? SocketAddress(ipAddress: host, port: 0)) != nil
    }

    /// The connection's pipeline: one flush per loop turn, TLS when configured, the answerer of the server's
    /// PINGs, HTTP/2 without a stream multiplexer, the calls, and the handler that reports readiness,
    /// GOAWAY and failure to the connection.
    func configure(_ channel: any Channel, calls: UnaryCallsHandler, events: ConnectionEventsHandler) throws {
        let pipeline = channel.pipeline.syncOperations
        // Calls made in one turn of the loop leave in one write.
        try pipeline.addHandler(LoopTurnFlushHandler())
        if let tls {
            try pipeline.addHandler(NIOSSLClientHandler(context: tls, serverHostname: serverHostname))
        }
        // Push is off (SETTINGS_ENABLE_PUSH 0), so the server opens no stream of its own.
        try pipeline.addHandler(NIOHTTP2Handler(mode: .client, connectionConfiguration: Self.connectionConfiguration))
        try PeerPingAnswerer.install(in: pipeline, server: false)
        try pipeline.addHandler(calls)
        try pipeline.addHandler(events)
    }

    private static var connectionConfiguration: NIOHTTP2Handler.ConnectionConfiguration {
        var configuration = NIOHTTP2Handler.ConnectionConfiguration()
        configuration.initialSettings = [
            HTTP2Setting(parameter: .enablePush, value: 0),
            HTTP2Setting(parameter: .maxHeaderListSize, value: HPACKDecoder.defaultMaxHeaderListSize),
        ]
        return configuration
    }
}
