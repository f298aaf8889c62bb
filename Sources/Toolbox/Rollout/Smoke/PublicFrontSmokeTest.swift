import Foundation
import ToolboxCore
import ToolboxHTTP

/// Smoke calls through the public endpoint, where the router is out of this machine's reach (on
/// aws it is internal to the VPC): GETs to the front service with the canary header, which the
/// front forwards to its call of the routed service, so the header picks the staged revision at
/// the router. Every answer must be a 200 naming the new version.
struct PublicFrontSmokeTest: SmokeTest {
    let endpoint: String
    let header: String
    /// The GET whose answer must name the new version.
    let path: String
    /// The front's own health path, asked without the header until it answers.
    let readinessPath: String?
    /// How long the endpoint may take to answer: a new load balancer's name takes a while to resolve.
    let reachWithin: Duration
    let transport: any HTTPTransport = SmokeTests.transport(http2: false)

    var entrance: String { "the public endpoint \(endpoint)" }

    func waitUntilReachable() async throws {
        let probe = readinessPath ?? "/"
        let deadline = ContinuousClock.now + reachWithin
        var problem = ""
        while true {
            do {
                let response = try await transport.send(HTTPRequest(method: "GET", url: endpoint + probe))
                if response.status == 200 { return }
                problem = "HTTP \(response.status)"
            } catch {
                problem = "\(error)"
            }
            guard ContinuousClock.now < deadline else { break }
            try await Task.sleep(for: .seconds(1))
        }
        throw GateFailure(
            reason: "the public endpoint \(endpoint) did not answer GET \(probe) within \(reachWithin) (\(problem)); "
                + "set PUBLIC_URL to where it answers, or SMOKE=0")
    }

    func call(_ index: Int, version: String) async -> String? {
        let request = HTTPRequest(method: "GET", url: endpoint + path, headers: [(header, "1")])
        do {
            let response = try await transport.send(request)
            let body = String(decoding: response.body.prefix(300), as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            guard response.status == 200 else { return "GET \(path): HTTP \(response.status) \(body)" }
            guard body.contains("Version \(version)") else { return "GET \(path) answered '\(body)', not version \(version)" }
            return nil
        } catch {
            return "GET \(path): \(error)"
        }
    }
}
