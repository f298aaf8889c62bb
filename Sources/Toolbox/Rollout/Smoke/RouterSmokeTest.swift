import ToolboxCore
import ToolboxHTTP

/// Smoke calls straight to the router (h2c) with the test-route header: the routed service's
/// grpc.health.v1 Check and its smoke call (Echo for the echo server), taking turns. Every one must
/// succeed, and the smoke call's answer must name the new version.
struct RouterSmokeTest: SmokeTest {
    let endpoint: String
    let header: String
    let service: ServiceSpec
    let transport: any HTTPTransport = SmokeTests.transport(http2: true)

    var entrance: String { "the router" }

    /// Health checks and smoke calls take turns.
    func call(_ index: Int, version: String) async -> String? {
        index % 2 == 0 ? await healthCheck() : await smokeCall(version: version)
    }

    private func healthCheck() async -> String? {
        let answer = await grpcCall("/grpc.health.v1.Health/Check", text: service.grpcServiceName ?? "")
        switch answer {
        case .failure(let problem): return "Health: \(problem)"
        case .success(let field): return field == .number(1) ? nil : "Health answered \(String(describing: field)), not SERVING"
        }
    }

    private func smokeCall(version: String) async -> String? {
        guard let smoke = service.smokeCall else { return await healthCheck() }
        switch await grpcCall(smoke.path, text: smoke.text ?? "") {
        case .failure(let problem): return "\(smoke.path): \(problem)"
        case .success(.text(let reply)) where reply.contains("Version \(version)"): return nil
        case .success(let field): return "\(smoke.path) answered \(String(describing: field)), not version \(version)"
        }
    }

    private func grpcCall(_ path: String, text: String) async -> Result<GRPCWire.Field?, SmokeFailure> {
        let request = HTTPRequest(
            method: "POST", url: endpoint + path,
            headers: [("content-type", "application/grpc"), ("te", "trailers"), (header, "1")],
            body: GRPCWire.frame(text: text))
        do {
            let response = try await transport.send(request)
            guard response.status == 200 else { return .failure(SmokeFailure("HTTP \(response.status)")) }
            guard let status = GRPCWire.status(of: response), status == 0 else {
                let message = response.header("grpc-message").map { ": \($0)" } ?? ""
                return .failure(SmokeFailure("grpc-status \(GRPCWire.status(of: response).map(String.init) ?? "missing")\(message)"))
            }
            return .success(GRPCWire.firstField(of: response.body))
        } catch {
            return .failure(SmokeFailure("\(error)"))
        }
    }
}
