import Foundation
import Synchronization
import ToolboxCore


/// A `Platform` held in memory, for the rollout's state machine alone: revisions, a route and
/// task health that a test scripts, and a crash that a test places at any mutating call. It
/// checks the invariant every route change must keep (weights summing to 100 over running
/// revisions) and records each change, so a test sees what the rollout did, in order.
package final class InMemoryPlatform: Platform {
    /// Thrown in place of the n-th mutating call, as a `kill -9` there would stop the command.
    package struct Crash: Error {}

    package struct State {
        package init() {}
        package var revisions: [Revision] = []
        package var route = Route()
        package var mutations = 0
        package var crashAt: (call: Int, afterActing: Bool)?
        package var unhealthyOnStart: Set<String> = []
        package var down: Set<String> = []
        package var failureRate: [String: Double] = [:]
        package var answered: [String: UInt64] = [:]
        package var log: [String] = []
        package var broken: [String] = []
        package var ignoredByRouter: Set<String> = []
    }

    package let state = Mutex(State())
    package var gatePollInterval: Duration { .milliseconds(5) }

    package init(first tag: String = "0.9-aaaaaaa") {
        state.withLock { state in
            state.revisions = [Self.revision(tag, tasks: 2)]
            state.route = .only(tag)
        }
    }

    package static func revision(_ tag: String, tasks: Int) -> Revision {
        Revision(
            tag: tag, version: String(tag.prefix { $0 != "-" }), commit: String(tag.split(separator: "-").last ?? ""),
            tasks: (0..<tasks).map { TaskRecord(name: "\(tag)#\($0)", address: "127.0.10.\($0 + 2)", port: 50051) })
    }

    // MARK: Platform

    package func revisionSource(for spec: ServiceSpec, environment: [String: String], publish: Bool) async throws -> RevisionSource {
        RevisionSource(tag: "1.0-bbbbbbb", version: "1.0", commit: "bbbbbbb", artifact: .executable(path: "/memory/echo-server"), environment: environment)
    }

    package func planBringUp(server: RevisionSource, client: RevisionSource) async throws -> [String] { [] }

    package func bringUp(server: RevisionSource, client: RevisionSource) async throws -> Bool { false }

    package func describe() async throws -> Deployment? {
        state.withLock { state in
            Deployment(
                projectName: "demo", target: .local, publicEndpoint: "memory", virtualServiceAddress: "memory",
                server: ServiceDeployment(spec: .echoServer, revisions: state.revisions, route: state.route),
                client: ServiceDeployment(spec: .echoClient))
        }
    }

    package func startRevision(_ source: RevisionSource, count: Int) async throws -> Revision {
        try mutate("start \(source.tag)") { state in
            let revision = Self.revision(source.tag, tasks: count)
            state.revisions.append(revision)
            state.route = state.route.addingStaged(source.tag)
            if state.unhealthyOnStart.contains(source.tag) { state.down.formUnion(revision.tasks.map(\.name)) }
            return revision
        }
    }

    package func waitUntilHealthy(_ revision: Revision, timeout: Double) async throws {
        let sick = state.withLock { state in revision.tasks.contains { state.down.contains($0.name) } }
        if sick { throw ToolboxError("revision \(revision.tag) did not become healthy within \(Int(timeout))s") }
    }

    package func applyRoute(_ route: Route) async throws {
        let weights = route.targets.map { "\($0.revision)=\($0.weight)" }.joined(separator: ",")
        try mutate("route \(weights)") { state in
            let running = Set(state.revisions.map(\.tag))
            let total = route.targets.reduce(0) { $0 + $1.weight }
            if total != 100 || route.targets.contains(where: { $0.weight > 0 && !running.contains($0.revision) }) {
                state.broken.append(weights)
            }
            state.route = route
        }
    }

    package func retire(_ revision: Revision) async throws {
        try mutate("retire \(revision.tag)") { state in
            if state.route.weight(of: revision.tag) > 0 { state.broken.append("retired \(revision.tag) while it had traffic") }
            state.revisions.removeAll { $0.tag == revision.tag }
            state.route = (try? Route(state.route.targets.filter { $0.revision != revision.tag }.map { ($0.revision, $0.weight) }))
                ?? Route()
        }
    }

    package func taskHealth() async throws -> [String: TaskHealth] {
        state.withLock { state in
            Dictionary(uniqueKeysWithValues: state.revisions.flatMap(\.tasks).map {
                ($0.name, state.down.contains($0.name) ? TaskHealth(.down, "DOWN (L7STS)") : TaskHealth(.up, "UP (L7OK)"))
            })
        }
    }

    /// Each ask, every revision answered twice its weight in calls (a revision in `ignoredByRouter`
    /// none, whatever its weight), failing at its scripted rate.
    package func requestCounts() async throws -> [String: RequestCounts]? {
        state.withLock { state in
            var counts: [String: RequestCounts] = [:]
            for target in state.route.targets where target.weight > 0 {
                let ignored = state.ignoredByRouter.contains(target.revision)
                state.answered[target.revision, default: 0] += ignored ? 0 : UInt64(target.weight) * 2
                let answered = state.answered[target.revision] ?? 0
                let rate = state.failureRate[target.revision] ?? 0
                counts[target.revision] = RequestCounts(answered: answered, failed: UInt64(Double(answered) * rate))
            }
            return counts
        }
    }

    package func tearDown() async throws {}

    package func planTearDown() async throws -> [String] { [] }

    package func plannedCalls(_ change: PlannedChange) -> [String] { ["memory: \(change)"] }

    // MARK: Scripting and reading back

    /// Counts a mutating call, crashing before or after it acts when the test placed a crash there.
    private func mutate<T>(_ what: String, _ act: (inout State) throws -> T) throws -> T {
        try state.withLock { state in
            state.mutations += 1
            let crash = state.crashAt.map { $0.call == state.mutations ? $0.afterActing : nil } ?? nil
            if crash == false { throw Crash() }
            let result = try act(&state)
            state.log.append(what)
            if crash == true { throw Crash() }
            return result
        }
    }

    package var tags: [String] { state.withLock { $0.revisions.map(\.tag) } }
    package var route: Route { state.withLock { $0.route } }
    package var log: [String] { state.withLock { $0.log } }
    package var mutations: Int { state.withLock { $0.mutations } }
    package var brokenInvariants: [String] { state.withLock { $0.broken } }
}
