import EchoClientCore
import EchoService
import Logging
import NIOCore
import ServiceLifecycle
import UnixSignals

/// echo-client: the HTTP front of the echo service. `GET /?name=X` calls the server over gRPC;
/// `GET /ping` is the load balancer's health path. SIGTERM stops it gracefully.
@main
struct EchoClientMain {
    static let version = "0.1"

    static func main() async {
        // One event loop, and one connection to the server, per CPU this process may use.
        NIOSingletons.groupLoopCountSuggestion = AvailableCPUs.eventLoops(nioCoreCount: System.coreCount)
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
        let http = EchoHTTPServer(caller: caller, limits: limits, host: settings.host, port: settings.port) { port in
            EchoLog.say("Listening to port: \(port)")
        }
        // Shut down in reverse order: the HTTP server answers its open requests, then the gRPC
        // connections close.
        let group = ServiceGroup(
            configuration: .init(
                services: [ServerConnectionsService(caller: caller), http],
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger
            )
        )
        do {
            try await group.run()
            EchoLog.say("Stopped")
        } catch {
            EchoLog.fail("\(error)")
        }
    }
}
