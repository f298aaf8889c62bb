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
    let call: ServiceSpec.SmokeCall
    let transport: any HTTPTransport = SmokeTests.transport(http2: false)

    var entrance: String { "the public endpoint \(endpoint)" }

    func run(count: Int, version: String) async -> [String] {
        var failures: [String] = []
        for index in 0..<count {
            if let problem = await smokeCall(version: version) { failures.append("call \(index + 1): \(problem)") }
        }
        return failures
    }

    private func smokeCall(version: String) async -> String? {
        let request = HTTPRequest(method: "GET", url: endpoint + call.path, headers: [(header, "1")])
        do {
            let response = try await transport.send(request)
            let body = String(decoding: response.body.prefix(300), as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            guard response.status == 200 else { return "GET \(call.path): HTTP \(response.status) \(body)" }
            guard body.contains("Version \(version)") else { return "GET \(call.path) answered '\(body)', not version \(version)" }
            return nil
        } catch {
            return "GET \(call.path): \(error)"
        }
    }
}
