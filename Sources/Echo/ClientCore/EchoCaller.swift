import EchoService
import GRPCCore
import GRPCNIOTransportHTTP2
import NIOCore
import NIOPosix

/// Calls the echo server over long-lived gRPC channels shared by every HTTP request: one per
/// event loop, with its connection on that loop, so that a request handled on a loop (see
/// `EventLoopBoundChildChannel`) makes its call without leaving that loop's thread.
package struct EchoCaller: Sendable {
    /// What the HTTP side answers: a status code and a body.
    package struct Outcome: Sendable, Equatable {
        package var status: Int
        package var body: String
    }

    /// The clients, in the order of `loops`.
    package let clients: [GRPCClient<HTTP2ClientTransport.Posix>]
    let loops: [any EventLoop]
    let timeoutSeconds: Double
    /// The header forwarded as metadata; see `ClientSettings.canaryHeader`.
    package let canaryHeader: String

    /// `group` must be a `MultiThreadedEventLoopGroup` (the one the HTTP server runs on).
    package init(settings: ClientSettings, group: MultiThreadedEventLoopGroup = .singleton) throws {
        var config = HTTP2ClientTransport.Posix.Config.defaults
        // The name the certificate is checked against (and sent as SNI), when it differs from the host.
        config.http2.authority = settings.serverName
        // grpc-go servers send a PING every round trip under load; see PeerPingAnswerer.
        config.channelDebuggingCallbacks.onCreateTCPConnection = { channel in PeerPingAnswerer.install(on: channel) }
        let security = Self.transportSecurity(settings)
        loops = Array(group.makeIterator())
        clients = try loops.map { loop in
            GRPCClient(
                transport: try HTTP2ClientTransport.Posix(
                    target: .dns(host: settings.serverHost, port: settings.serverPort),
                    transportSecurity: security,
                    config: config,
                    eventLoopGroup: loop
                )
            )
        }
        timeoutSeconds = settings.timeoutSeconds
        canaryHeader = settings.canaryHeader
    }

    /// TLS trusting only the given CA, with full verification of the server's name; plaintext without one.
    static func transportSecurity(_ settings: ClientSettings) -> HTTP2ClientTransport.Posix.TransportSecurity {
        guard let pem = settings.serverCAPEM else { return .plaintext }
        return .tls {
            $0.trustRoots = .certificates([.bytes(Array(pem.utf8), format: .pem)])
            $0.serverCertificateVerification = .fullVerification
        }
    }

    /// Echo is idempotent, so a call answered UNAVAILABLE (a task stopping, a router with no
    /// task ready, a faulty revision) is tried again; each attempt is balanced anew by the
    /// router, so a retry usually lands on another task. A call cut off because its task died
    /// mid-call ends without a status, which grpc-swift reports as INTERNAL ("Empty stream"):
    /// retried too. The deadline covers every attempt. The backoffs (up to 25+50+100+200 ms) span
    /// a reconnect, so calls cut by a dropped connection are not failed while it comes back
    /// ("subchannel isn't ready"); waitForReady would do the same but hide why a connection cannot
    /// be made (TLS). The loop is ours rather than grpc-swift's retry policy: that one runs each
    /// call through a broadcast sequence and extra tasks, which cost more than the call itself.
    static let retry = (attempts: 5, firstBackoff: Duration.milliseconds(25), maxBackoff: Duration.milliseconds(400))
    static let retryable: Set<RPCError.Code> = [.unavailable, .internalError]

    /// The client on the calling thread's event loop, and that loop; the first ones off the
    /// loops (tests).
    var clientOnThisLoop: (client: GRPCClient<HTTP2ClientTransport.Posix>, loop: any EventLoop) {
        for (loop, client) in zip(loops, clients) where loop.inEventLoop { return (client, loop) }
        return (clients[0], loops[0])
    }

    /// Calls Echo; `canary` is the canary header's value, sent as metadata of the same name.
    /// The deadline covers every attempt (`CallDeadline`); the server is told the time left.
    package func echo(name: String, canary: String? = nil) async -> Outcome {
        let deadline = ContinuousClock.now + .milliseconds(Int64(timeoutSeconds * 1000))
        let (client, loop) = clientOnThisLoop
        return await CallDeadline.run(until: deadline, on: loop) { [self] in
            await attempts(Proto_Echo_EchoService.Client(wrapping: client), name: name, canary: canary, deadline: deadline)
        }
    }

    private func attempts(
        _ echo: Proto_Echo_EchoService.Client<HTTP2ClientTransport.Posix>,
        name: String, canary: String?, deadline: ContinuousClock.Instant
    ) async -> Outcome {
        let request = Proto_Echo_EchoRequest.with { $0.name = name }
        var metadata: Metadata = canary.map { [canaryHeader: .string($0)] } ?? [:]
        var backoff = Self.retry.firstBackoff
        for attempt in 1... {
            metadata.replaceOrAddString(GRPCTimeoutHeader.value(for: ContinuousClock.now.duration(to: deadline)), forKey: GRPCTimeoutHeader.name)
            do {
                let reply = try await echo.echo(request, metadata: metadata)
                return Outcome(status: 200, body: "Response from the server: \(reply.message)")
            } catch let error as RPCError {
                if Task.isCancelled { return Self.deadlineOutcome(timeoutSeconds) }
                // Jittered like gRPC's own policy: a random wait up to the backoff.
                let pause = backoff * Double.random(in: 0...1)
                guard attempt < Self.retry.attempts, Self.retryable.contains(error.code),
                    ContinuousClock.now + pause < deadline
                else { return Self.outcome(for: error, timeoutSeconds: timeoutSeconds) }
                try? await Task.sleep(for: pause)
                if Task.isCancelled { return Self.deadlineOutcome(timeoutSeconds) }
                backoff = min(backoff * 2, Self.retry.maxBackoff)
            } catch {
                if Task.isCancelled { return Self.deadlineOutcome(timeoutSeconds) }
                return Outcome(status: 502, body: "echo server call failed: \(error)\n")
            }
        }
        fatalError("unreachable: the loop returns")
    }

    static func deadlineOutcome(_ timeoutSeconds: Double) -> Outcome {
        Outcome(status: 503, body: "echo server did not answer within \(timeoutSeconds)s\n")
    }

    /// The innermost error under an RPC error's causes, when it is not itself an RPC error.
    static func rootCause(of error: RPCError) -> String? {
        var cause = error.cause
        while let inner = cause as? RPCError { cause = inner.cause }
        return cause.map { String(describing: $0).split(separator: "\n").first.map(String.init) ?? "" }
    }

    /// 400 for a name the server refuses, 503 when no server answers in time, 502 otherwise.
    static func outcome(for error: RPCError, timeoutSeconds: Double) -> Outcome {
        let message = error.message.split(separator: "\n").first.map(String.init) ?? ""
        switch error.code {
        case .invalidArgument:
            return Outcome(status: 400, body: "bad request: \(message)\n")
        case .unavailable:
            // The root cause names what a retry cannot fix, like a certificate the CA did not sign.
            let cause = rootCause(of: error).map { " (\($0))" } ?? ""
            return Outcome(status: 503, body: "echo server unavailable: \(message)\(cause)\n")
        case .deadlineExceeded:
            return deadlineOutcome(timeoutSeconds)
        default:
            return Outcome(status: 502, body: "echo server failed (\(error.code)): \(message)\n")
        }
    }
}
