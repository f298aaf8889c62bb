import EchoClientCore
import EchoService
import Hummingbird
import Logging

/// echo-client: the HTTP front of the echo service. `GET /?name=X` calls the server over gRPC;
/// `GET /ping` is the load balancer's health path. SIGTERM stops it gracefully.
@main
struct EchoClientMain {
    static let version = "0.1"

    static func main() async {
        let settings: ClientSettings
        let caller: EchoCaller
        let limits: ConnectionLimits
        do {
            settings = try ClientSettings(environment: ProcessEnvironment.current())
            caller = try EchoCaller(settings: settings)
            limits = try ConnectionLimits(environment: ProcessEnvironment.current())
        } catch {
            EchoLog.fail("\(error)")
        }
        EchoLog.say("Echo Client \(version)")
        EchoLog.say(
            "Echo Client connecting to \(settings.serverAddress)"
                + (settings.serverCAPEM == nil ? "" : " over TLS as \(settings.serverName ?? settings.serverHost)")
        )

        var logger = Logger(label: "echo-client")
        logger.logLevel = .warning
        // Hummingbird's default event loop group is NIO's singleton, the caller's too: each HTTP
        // connection's loop has its own gRPC connection (EchoCaller, EventLoopBoundChildChannel).
        let app = Application(
            router: EchoRoutes.router(caller: caller),
            server: ClientHTTPServer.http1(limits),
            configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: nil),
            services: [ServerConnectionsService(caller: caller)],
            onServerRunning: { channel in
                EchoLog.say("Listening to port: \(channel.localAddress?.port ?? settings.port)")
            },
            logger: logger
        )
        do {
            try await app.runService()
            EchoLog.say("Stopped")
        } catch {
            EchoLog.fail("\(error)")
        }
    }
}
