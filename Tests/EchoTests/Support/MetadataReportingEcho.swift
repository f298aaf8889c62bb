import EchoService
import GRPCCore

/// An Echo service that answers with the `x-` metadata its call carried ("x-canary=blue", or
/// "none"), so a test sees what a router matching on metadata would see.
struct MetadataReportingEcho: Proto_Echo_EchoService.ServiceProtocol {
    func echo(
        request: ServerRequest<Proto_Echo_EchoRequest>,
        context: ServerContext
    ) async throws -> ServerResponse<Proto_Echo_EchoResponse> {
        let pairs = request.metadata.compactMap { key, value -> String? in
            guard key.hasPrefix("x-"), case .string(let text) = value else { return nil }
            return "\(key)=\(text)"
        }
        return ServerResponse(message: .with { $0.message = pairs.isEmpty ? "none" : pairs.joined(separator: ",") })
    }
}
