import Foundation
import Synchronization
import ToolboxAWS
import ToolboxCore

/// What one command's AWS work shares: the clients, the project's names and settings, the waits,
/// and what the command has found so far. The platform owns one; the stacks, the routers and the
/// revision deployer work through it. A command holds the project lock, so nothing it remembers
/// changes under it, except what it changes itself (and then it forgets: `forgetRevisions`).
final class AWSContext: Sendable {
    let aws: AWSServices
    let names: AWSNames
    let settings: ToolboxSettings
    let awsSettings: AWSSettings
    /// Seconds between two polls of a wait (short: each poll is a few cheap describe calls).
    let pollInterval: Double
    private let found = Mutex(Found())

    /// What the command has found, each nil until then.
    struct Found: Sendable {
        /// The revision tags describe() read (a command describes, then routes).
        var revisions: [String]?
        /// This command found the project's router to be the chosen one (or none yet).
        var routerChecked: Bool?
        /// The ALB router's load balancer and the CA bundle of its certificate.
        var routerLoadBalancer: ELBv2.LoadBalancer?
        var caBundle: String?
        /// The routed service's Cloud Map service (App Mesh reads task health there).
        var serverDiscoveryID: String?
    }

    init(settings: ToolboxSettings, awsSettings: AWSSettings, client: AWSClient, names: AWSNames) {
        self.settings = settings
        self.awsSettings = awsSettings
        self.names = names
        aws = AWSServices(client: client)
        pollInterval = awsSettings.pollIntervalSeconds
    }

    var project: String { settings.projectName }
    var securityGroups: SecurityGroups { SecurityGroups(aws: aws, names: names) }

    /// What this command found for `key`, nil when it has not looked (or found nothing).
    func remembered<Value: Sendable>(_ key: WritableKeyPath<Found, Value?> & Sendable) -> Value? {
        found.withLock { $0[keyPath: key] }
    }

    func remember<Value: Sendable>(_ key: WritableKeyPath<Found, Value?> & Sendable, _ value: Value?) {
        found.withLock { $0[keyPath: key] = value }
    }

    /// The value found once for the rest of the command: `find` runs until it finds one.
    func once<Value: Sendable>(
        _ key: WritableKeyPath<Found, Value?> & Sendable,
        find: () async throws -> Value?
    ) async throws -> Value? {
        if let known = remembered(key) { return known }
        let value = try await find()
        if let value { remember(key, value) }
        return value
    }

    /// After a revision is started or retired: the next route is checked against ECS again.
    func forgetRevisions() { remember(\.revisions, nil) }

    // MARK: Waits

    /// Repeats `check` until it answers nil (done), printing each new state it reports.
    func poll(_ what: String, timeout: Double, check: () async throws -> String?) async throws {
        let started = ContinuousClock.now
        let deadline = Date().addingTimeInterval(timeout)
        var reported: String?
        defer { recordWait(since: started) }
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

    /// Retries a delete that AWS refuses while something still uses the resource (network
    /// interfaces of a deleted load balancer or of stopped tasks linger for minutes).
    func whenFree(_ what: String, _ delete: () async throws -> Void) async throws {
        let busy: Set<String> = ["DependencyViolation", "ResourceInUse", "ResourceInUseException"]
        try await poll("\(what) to be free to delete", timeout: 900) {
            do {
                try await delete()
                return nil
            } catch let error as AWSError where busy.contains(error.code) {
                return error.code
            }
        }
    }

    /// With TOOLBOX_TIMING=1, a line per wait on standard error (the bench subtracts waits).
    func recordWait(since started: ContinuousClock.Instant) {
        guard ProcessInfo.processInfo.environment["TOOLBOX_TIMING"] == "1" else { return }
        let duration = ContinuousClock.now - started
        let milliseconds = Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
        FileHandle.standardError.write(Data("timing: waited \(Int(milliseconds.rounded())) ms\n".utf8))
    }
}
