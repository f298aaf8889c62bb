import ToolboxCore
import ToolboxHTTP

/// Calls sent to a staged revision with the canary header before any share of normal traffic
/// moves: every one must succeed, and each answer that can name a version must name the new one.
protocol SmokeTest: Sendable {
    /// Where the calls enter, for the progress line.
    var entrance: String { get }
    /// Returns once the entrance answers at all; throws a `GateFailure` saying why when it does not.
    func waitUntilReachable() async throws
    /// Call number `index` (from 0): nil when it passed, else what went wrong.
    func call(_ index: Int, version: String) async -> String?
}

extension SmokeTest {
    /// The local router is up whenever a rollout runs.
    func waitUntilReachable() async throws {}

    /// The failures among `count` calls, one line each (empty: all passed).
    func run(count: Int, version: String) async -> [String] {
        var failures: [String] = []
        for index in 0..<count {
            if let problem = await call(index, version: version) { failures.append("call \(index + 1): \(problem)") }
        }
        return failures
    }
}

enum SmokeTests {
    /// The smoke test for `endpoint`, or nil when the service there declares no smoke call.
    static func make(
        _ endpoint: SmokeEndpoint, header: String, services: ServiceConfiguration, reachWithin: Duration
    ) -> (any SmokeTest)? {
        switch endpoint {
        case .router(let url):
            return RouterSmokeTest(endpoint: url, header: header, service: services.server)
        case .publicFront(let url):
            guard let call = services.client.smokeCall else { return nil }
            return PublicFrontSmokeTest(
                endpoint: url, header: header, path: call.path, readinessPath: services.client.healthPath, reachWithin: reachWithin)
        }
    }

    /// One connection a call: each call is balanced on its own, like a new client's.
    static func transport(http2: Bool) -> any HTTPTransport {
        var options = CurlTransport.Options(connectTimeout: .seconds(2), totalTimeout: .seconds(5), maxIdleHandles: 0)
        options.http2PriorKnowledge = http2
        return CurlTransport(options: options)
    }
}

struct SmokeFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
