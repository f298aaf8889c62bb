import Foundation
import ToolboxAWS
import ToolboxCore

/// The aws target: ECS on Fargate with task sets, Cloud Map, a traffic router (an internal ALB by
/// default, or App Mesh: see `TrafficRouter`), a public ALB in front of the clients. Everything lives in AWS, tagged
/// with the project: describe() rebuilds the deployment from AWS itself, so any checkout (or a
/// run after a failure) sees the same state.
public final class AWSPlatform: Platform {
    let settings: ToolboxSettings
    let awsSettings: AWSSettings
    let aws: AWSServices
    let names: AWSNames
    let router: any TrafficRouter
    let serverSpec = ServiceSpec.echoServer
    let clientSpec = ServiceSpec.echoClient
    /// Seconds between two polls of a wait (short: each poll is a few cheap describe calls).
    let pollInterval: Double
    public var gatePollInterval: Duration { .milliseconds(Int64(pollInterval * 1000)) }
    /// Time spent in waits, reported with TOOLBOX_TIMING=1 (the bench subtracts it).
    let waits = WaitLedger()
    /// The revision tags describe() read last (a command describes, then routes, under the lock).
    let knownRevisions = KnownRevisions()
    /// Set once this command found the project's router to be the chosen one (or none yet).
    let routerChecked = OnceValue<Bool>()

    public init(settings: ToolboxSettings) throws(ToolboxError) {
        self.settings = settings
        awsSettings = try settings.awsSettings()
        let client: AWSClient
        do {
            client = try AWSClient.fromEnvironment(settings.values)
        } catch {
            throw .refused("\(error)")
        }
        aws = AWSServices(client: client)
        names = AWSNames(project: settings.projectName, server: serverSpec, client: clientSpec)
        try names.validate()
        router = Self.router(awsSettings.trafficRouter, aws: aws, names: names, settings: settings, awsSettings: awsSettings)
        pollInterval = awsSettings.pollIntervalSeconds
        if let warning = awsSettings.discontinuedRouterWarning { Console.warn(warning) }
    }

    static func router(
        _ kind: TrafficRouterKind,
        aws: AWSServices,
        names: AWSNames,
        settings: ToolboxSettings,
        awsSettings: AWSSettings
    ) -> any TrafficRouter {
        switch kind {
        case .appmesh:
            return AppMeshRouter(aws: aws, names: names, server: .echoServer, client: .echoClient)
        case .alb:
            return ALBRouter(
                aws: aws,
                names: names,
                server: .echoServer,
                client: .echoClient,
                certificates: RouterCertificates(
                    stateDirectory: settings.stateDirectory,
                    serverName: names.virtualService,
                    project: settings.projectName
                ),
                deregistrationDelay: ALBRouter.deregistrationDelay(drainTimeout: awsSettings.drainTimeoutSeconds)
            )
        }
    }

    var project: String { settings.projectName }

    /// Calls report the calls' own progress; Console lines say what the user waits for.
    /// Repeats `check` until it answers nil (done), printing each new state it reports.
    func poll(_ what: String, timeout: Double, check: () async throws -> String?) async throws {
        let started = ContinuousClock.now
        let deadline = Date().addingTimeInterval(timeout)
        var reported: String?
        defer { waits.add(ContinuousClock.now - started) }
        while let state = try await check() {
            if state != reported {
                Console.say("Waiting for \(what) (\(state))...")
                reported = state
            }
            guard Date() < deadline else {
                throw ToolboxError("\(what) did not happen within \(Int(timeout))s (last: \(state))")
            }
            try await Task.sleep(for: .seconds(pollInterval))
        }
    }

    public func requestCounts() async throws -> [String: RequestCounts]? {
        // Neither App Mesh on the emulator nor ECS exposes per-revision call counts.
        nil
    }
}

/// Adds up the time a command spends waiting on AWS (tasks, NAT gateways, drains).
final class WaitLedger: @unchecked Sendable {
    private let lock = NSLock()
    private var total: Duration = .zero

    func add(_ duration: Duration) {
        lock.lock()
        total += duration
        lock.unlock()
        if ProcessInfo.processInfo.environment["TOOLBOX_TIMING"] == "1" {
            let milliseconds =
                Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
            FileHandle.standardError.write(Data("timing: waited \(Int(milliseconds.rounded())) ms\n".utf8))
        }
    }
}

/// The revision tags of the last describe(), kept for the rest of one command.
final class KnownRevisions: @unchecked Sendable {
    private let lock = NSLock()
    private var tags: [String]?

    func set(_ tags: [String]) {
        lock.lock()
        self.tags = tags
        lock.unlock()
    }

    /// After a revision is started or retired: the next route is checked against ECS again.
    func forget() {
        lock.lock()
        tags = nil
        lock.unlock()
    }

    func get() -> [String]? {
        lock.lock()
        defer { lock.unlock() }
        return tags
    }
}

/// A value found once and kept for the rest of one command.
final class OnceValue<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value?

    func get() -> Value? {
        lock.lock()
        defer { lock.unlock() }
        return value
    }

    func set(_ newValue: Value) {
        lock.lock()
        value = newValue
        lock.unlock()
    }
}
