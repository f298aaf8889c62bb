import Foundation
import ToolboxCore

/// The local target: every task a process on its own loopback address, HAProxy as the public
/// load balancer and as the virtual router in front of the routed service's revisions.
public final class LocalPlatform: Platform {
    let settings: ToolboxSettings
    let paths: LocalPaths
    let store: StateStore<LocalState>
    let runtime: HAProxyRuntime
    let ledger: ProcessLedger
    /// The routed gRPC service and the HTTP front that calls it (settings.services).
    let serverSpec: ServiceSpec
    let clientSpec: ServiceSpec

    static let routerAddress = "127.0.0.1"
    /// Seconds a task may take to finish its calls in flight once drained out of rotation.
    static let drainSeconds = 10.0

    public init(settings: ToolboxSettings) {
        self.settings = settings
        serverSpec = settings.services.server
        clientSpec = settings.services.client
        paths = LocalPaths(stateDirectory: settings.stateDirectory)
        store = StateStore(url: paths.state)
        runtime = HAProxyRuntime(socketPath: paths.haproxySocket.path)
        ledger = ProcessLedger(directory: paths.processes)
    }

    /// True when anything of the local target may still exist, even if state.json is unreadable:
    /// the process ledger outlives a damaged state file.
    public func hasAnythingToTearDown() async throws -> Bool {
        FileManager.default.fileExists(atPath: paths.root.path)
    }

    var publicEndpoint: String { "http://\(Self.routerAddress):\(settings.publicPort)" }
    var virtualServiceAddress: String { "\(Self.routerAddress):\(settings.virtualServicePort)" }

    public func describe() async throws -> Deployment? {
        try store.load()?.deployment
    }

    /// The recorded state; an error when nothing was brought up.
    func requireState() throws(ToolboxError) -> LocalState {
        guard let state = try store.load() else {
            throw .refused("nothing is deployed here yet; run make build-infra first")
        }
        return state
    }

    /// From HAProxy's counters: calls sent to each task, and those answered with a gRPC error
    /// status (counted by the router per task, see HAProxyConfig) or an HTTP 5xx.
    public func requestCounts() async throws -> [String: RequestCounts]? {
        let state = try requireState()
        let rows = try runtime.servers(of: serverSpec.name)
        let grpcFailures = try runtime.counters(inTable: HAProxyConfig.callFailuresTable)
        var counts: [String: RequestCounts] = [:]
        for revision in state.deployment.server.revisions {
            let names = Set(revision.tasks.map(\.name))
            let taskRows = rows.filter { names.contains($0.server) }
            counts[revision.tag] = RequestCounts(
                answered: taskRows.reduce(0) { $0 + $1.totalSessions },
                failed: taskRows.reduce(0) { $0 + $1.serverErrors + ($1.serverID.flatMap { grpcFailures[$0] } ?? 0) }
            )
        }
        return counts
    }

    /// HAProxy's view of each task: UP, DOWN, MAINT or DRAIN, with the last check's result.
    public func taskHealth() async throws -> [String: TaskHealth] {
        let rows = try runtime.stats().filter { $0.proxy == serverSpec.name || $0.proxy == clientSpec.name }
        return Dictionary(rows.map { ($0.server, .haproxy(status: $0.status, check: $0.checkStatus)) }, uniquingKeysWith: { first, _ in first })
    }

    func config(for state: LocalState) -> HAProxyConfig {
        let weights = RouterWeights.serverWeights(route: state.deployment.server.route, tasksByRevision: tasksByRevision(state.deployment.server))
        return HAProxyConfig(
            socketPath: paths.haproxySocket.path,
            publicAddress: Self.routerAddress,
            publicPort: settings.publicPort,
            virtualServiceAddress: Self.routerAddress,
            virtualServicePort: settings.virtualServicePort,
            clientBackend: clientSpec.name,
            serverBackend: serverSpec.name,
            clientHealthPath: clientSpec.healthPath ?? "/",
            grpcServiceName: serverSpec.grpcServiceName ?? "",
            clientServers: state.deployment.client.revisions.flatMap(\.tasks).map {
                .init(name: $0.name, address: $0.address, port: $0.port, weight: 1)
            },
            serverServers: state.deployment.server.revisions.flatMap(\.tasks).map {
                .init(name: $0.name, address: $0.address, port: $0.port, weight: weights[$0.name] ?? 0)
            },
            canaryHeader: settings.canaryHeader,
            testServers: (state.testRoute.flatMap(state.deployment.server.revision(tagged:))?.tasks ?? []).map {
                .init(name: $0.name, address: $0.address, port: $0.port, weight: 1)
            }
        )
    }

    func tasksByRevision(_ service: ServiceDeployment) -> [String: [String]] {
        Dictionary(uniqueKeysWithValues: service.revisions.map { ($0.tag, $0.tasks.map(\.name)) })
    }

    /// Saves the state and rewrites HAProxy's file to match it (for a restart; the running
    /// HAProxy has already been changed through its runtime API).
    func save(_ state: LocalState) throws(ToolboxError) {
        try store.save(state)
        do {
            try config(for: state).render().write(to: paths.haproxyConfig, atomically: true, encoding: .utf8)
        } catch {
            throw ToolboxError("cannot write \(paths.haproxyConfig.path): \(error)")
        }
    }
}
