import EchoService
import GRPCCore
import EchoServerCore
import Logging
import NIOCore
import ServiceLifecycle
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// echo-server: the gRPC echo service with health and reflection, run in a ServiceGroup and
/// stopped gracefully by SIGTERM or SIGINT (health NOT_SERVING at once, new calls refused,
/// in-flight calls drained).
@main
struct EchoServerMain {
    static let echoServiceName = "proto.echo.EchoService"

    static func main() async {
        // One event loop per CPU this process may use (see GRPCServerService for what runs on them).
        NIOSingletons.groupLoopCountSuggestion = AvailableCPUs.eventLoops(nioCoreCount: System.coreCount)
        let settings: ServerSettings
        do {
            settings = try ServerSettings(environment: ProcessEnvironment.current())
        } catch {
            EchoLog.fail(error.description)
        }
        EchoLog.say("Echo Server Version \(settings.version)")
        if settings.faults.startDelaySeconds > 0 {
            try? await Task.sleep(for: .seconds(settings.faults.startDelaySeconds))
        }
        do {
            try await serve(settings)
        } catch {
            EchoLog.fail("\(error)")
        }
    }

    static func serve(_ settings: ServerSettings) async throws {
        let limits = try ConnectionLimits(environment: ProcessEnvironment.current())
        let socket = try ListeningSocket.bind(host: settings.host, port: settings.port)
        let health = HealthService(
            services: [echoServiceName],
            initial: settings.faults.unhealthy ? .notServing : .serving
        )
        // Counted only when reported.
        let outcomes = settings.metrics.map { _ in CallOutcomes() }
        let server = try makeServer(settings, limits: limits, socket: socket, health: health, outcomes: outcomes, executor: GRPCServerService.callExecutor())
        // Trapped before the port is announced: whoever reads that line may stop us at once.
        let stopSignal = await StopSignalService(drainSeconds: settings.drainSeconds)
        EchoLog.say("Starting on port: \(socket.port), ssl: \(settings.tls != nil)")
        if !settings.faults.isOff {
            EchoLog.say("Fault injection is ON: \(settings.faults)")
        }
        if let seconds = settings.faults.exitAfterSeconds {
            Task {
                try await Task.sleep(for: .seconds(seconds))
                EchoLog.say("Exiting after \(seconds)s (ECHO_FAULT_EXIT_AFTER)")
                exit(3)
            }
        }

        var logger = Logger(label: "echo-server")
        logger.logLevel = .warning
        // Shut down in reverse order: the signal ends first, then the server drains, then the
        // metrics write their last interval.
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = []
        if let metrics = settings.metrics, let outcomes {
            services.append(.init(service: MetricsReporter(outcomes: outcomes, settings: metrics)))
        }
        services.append(.init(service: GRPCServerService(server: server, health: health, drainSeconds: settings.drainSeconds)))
        services.append(.init(service: stopSignal, successTerminationBehavior: .gracefullyShutdownGroup))
        let group = ServiceGroup(configuration: .init(services: services, logger: logger))
        try await group.run()
        EchoLog.say("Stopped")
    }

    /// The gRPC server on the bound socket: echo, health and reflection, with the connection
    /// limits, and with Echo calls counted into `outcomes` when there are any (health checks are
    /// not users' calls).
    static func makeServer(
        _ settings: ServerSettings,
        limits: ConnectionLimits,
        socket: ListeningSocket,
        health: HealthService,
        outcomes: CallOutcomes?,
        executor: (any TaskExecutor)?
    ) throws -> GRPCServer<FramesServerTransport> {
        let address = ServerAddress.choose(boundHost: settings.host, interfaces: ServerAddress.localInterfaces())
        let counting: [ConditionalInterceptor<any ServerInterceptor>] = outcomes.map {
            [.apply(CallOutcomeInterceptor(outcomes: $0), to: .services([Proto_Echo_EchoService.descriptor]))]
        } ?? []
        let tls = try settings.tls.map { try FramesServerTransport.Config.tls(certificateFile: $0.certificateFile, keyFile: $0.keyFile) }
        return GRPCServer(
            transport: FramesServerTransport(
                config: .init(listeningDescriptor: socket.descriptor, limits: limits, tls: tls, executor: executor)
            ),
            services: [
                EchoServiceProvider(address: address, version: settings.version, faults: settings.faults),
                health,
                ReflectionService(index: try ReflectionIndex.served()),
            ],
            interceptorPipeline: counting
        )
    }
}
