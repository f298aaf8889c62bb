import EchoService
import GRPCCore
import GRPCNIOTransportHTTP2

/// Calls the echo server over one long-lived gRPC channel shared by every HTTP request.
struct EchoCaller: Sendable {
    /// What the HTTP side answers: a status code and a body.
    struct Outcome: Sendable, Equatable {
        var status: Int
        var body: String
    }

    let client: GRPCClient<HTTP2ClientTransport.Posix>
    let timeoutSeconds: Double

    init(settings: ClientSettings) throws {
        let transport = try HTTP2ClientTransport.Posix(
            target: .dns(host: settings.serverHost, port: settings.serverPort),
            transportSecurity: .plaintext
        )
        client = GRPCClient(transport: transport)
        timeoutSeconds = settings.timeoutSeconds
    }

    func echo(name: String) async -> Outcome {
        var options = CallOptions.defaults
        options.timeout = .milliseconds(Int64(timeoutSeconds * 1000))
        let echo = Proto_Echo_EchoService.Client(wrapping: client)
        do {
            let reply = try await echo.echo(.with { $0.name = name }, options: options)
            return Outcome(status: 200, body: "Response from the server: \(reply.message)")
        } catch let error as RPCError {
            return Self.outcome(for: error, timeoutSeconds: timeoutSeconds)
        } catch {
            return Outcome(status: 502, body: "echo server call failed: \(error)\n")
        }
    }

    /// 400 for a name the server refuses, 503 when no server answers in time, 502 otherwise.
    static func outcome(for error: RPCError, timeoutSeconds: Double) -> Outcome {
        let message = error.message.split(separator: "\n").first.map(String.init) ?? ""
        switch error.code {
        case .invalidArgument:
            return Outcome(status: 400, body: "bad request: \(message)\n")
        case .unavailable:
            return Outcome(status: 503, body: "echo server unavailable: \(message)\n")
        case .deadlineExceeded:
            return Outcome(status: 503, body: "echo server did not answer within \(timeoutSeconds)s\n")
        default:
            return Outcome(status: 502, body: "echo server failed (\(error.code)): \(message)\n")
        }
    }
}
