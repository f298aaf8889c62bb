import GRPCCore
import Synchronization

/// grpc.health.v1 with Check and Watch, for the server as a whole ("") and each named service.
/// On shutdown every status turns NOT_SERVING at once and open Watch streams end, so that a
/// graceful stop is not held up by watchers.
public final class HealthService: Grpc_Health_V1_Health.SimpleServiceProtocol, Sendable {
    public typealias Status = Grpc_Health_V1_HealthCheckResponse.ServingStatus

    private struct State {
        var statuses: [String: Status]
        var watchers: [Int: (service: String, continuation: AsyncStream<Status>.Continuation)] = [:]
        var nextWatcher = 0
        var isShutDown = false
    }

    private let state: Mutex<State>

    /// Starts with every named service, and the server as a whole, at `initial`.
    public init(services: [String], initial: Status = .serving) {
        let statuses = Dictionary(uniqueKeysWithValues: ([""] + services).map { ($0, initial) })
        self.state = Mutex(State(statuses: statuses))
    }

    public func status(of service: String) -> Status? {
        state.withLock { $0.statuses[service] }
    }

    /// Sets one service's status and tells its watchers.
    public func set(_ status: Status, for service: String) {
        let toNotify = state.withLock { state -> [AsyncStream<Status>.Continuation] in
            guard !state.isShutDown else { return [] }
            state.statuses[service] = status
            return state.watchers.values.filter { $0.service == service }.map(\.continuation)
        }
        toNotify.forEach { $0.yield(status) }
    }

    /// Every service NOT_SERVING, watchers told, then their streams closed. Later sets are ignored.
    public func shutDown() {
        let watchers = state.withLock { state in
            state.isShutDown = true
            for key in state.statuses.keys { state.statuses[key] = .notServing }
            defer { state.watchers.removeAll() }
            return Array(state.watchers.values)
        }
        for watcher in watchers {
            watcher.continuation.yield(.notServing)
            watcher.continuation.finish()
        }
    }

    public func check(
        request: Grpc_Health_V1_HealthCheckRequest,
        context: ServerContext
    ) async throws -> Grpc_Health_V1_HealthCheckResponse {
        guard let status = status(of: request.service) else {
            throw RPCError(code: .notFound, message: "unknown service '\(request.service)'")
        }
        return .with { $0.status = status }
    }

    public func watch(
        request: Grpc_Health_V1_HealthCheckRequest,
        response: RPCWriter<Grpc_Health_V1_HealthCheckResponse>,
        context: ServerContext
    ) async throws {
        let (updates, continuation) = AsyncStream<Status>.makeStream(bufferingPolicy: .bufferingNewest(1))
        let (id, current) = state.withLock { state -> (Int?, Status) in
            let current = state.statuses[request.service] ?? .serviceUnknown
            guard !state.isShutDown else { return (nil, current) }
            let id = state.nextWatcher
            state.nextWatcher += 1
            state.watchers[id] = (request.service, continuation)
            return (id, current)
        }
        defer {
            if let id { _ = state.withLock { $0.watchers.removeValue(forKey: id) } }
        }
        try await response.write(.with { $0.status = current })
        guard id != nil else { return }
        // Each change is sent once; a status repeated by `set` is not news to the watcher.
        var last = current
        for await status in updates where status != last {
            try await response.write(.with { $0.status = status })
            last = status
        }
    }
}
