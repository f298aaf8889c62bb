import EchoClientCore
import EchoService
import Logging
import ServiceLifecycle

/// Runs `body` with echo-client's HTTP front (EchoHTTPServer and its caller) in this process,
/// listening on a free loopback port and calling the gRPC server at `serverPort`; shut down
/// gracefully when `body` returns or throws.
func withInProcessFront<Result: Sendable>(
    serverPort: Int,
    _ environment: [String: String] = [:],
    _ body: @Sendable (_ port: Int) async throws -> Result
) async throws -> Result {
    var settings = ["ECHO_HOST": "127.0.0.1:\(serverPort)"]
    settings.merge(environment) { $1 }
    let caller = try EchoCaller(settings: ClientSettings(environment: settings))
    let (ports, announce) = AsyncStream.makeStream(of: Int.self)
    let front = EchoHTTPServer(caller: caller, limits: try ConnectionLimits(environment: settings), host: "127.0.0.1", port: 0) {
        announce.yield($0)
    }
    let group = ServiceGroup(services: [ServerConnectionsService(caller: caller), front], logger: Logger(label: "front"))
    return try await withThrowingTaskGroup(of: Void.self) { tasks in
        tasks.addTask { try await group.run() }
        var listening = ports.makeAsyncIterator()
        guard let port = await listening.next() else { throw TestFailure("the in-process front never listened") }
        let result: Swift.Result<Result, any Error>
        do { result = .success(try await body(port)) } catch { result = .failure(error) }
        await group.triggerGracefulShutdown()
        try await tasks.waitForAll()
        return try result.get()
    }
}
