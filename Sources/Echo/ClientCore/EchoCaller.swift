import EchoService
import GRPCCore
import NIOCore
import NIOPosix

/// Calls the echo server over long-lived HTTP/2 connections shared by every HTTP request: one per
/// event loop, so that a request handled on a loop (see `EchoHTTPServer`) makes its
/// call without leaving that loop's thread.
///
/// A unary call is a few frames on the connection (`UnaryCallsHandler`), made directly on swift-nio-http2
/// rather than through grpc-swift's client, whose per-call tasks and async streams cost more CPU than
/// the rest of the request (docs/echo-bench.md).
package struct EchoCaller: Sendable {
    /// What the HTTP side answers: a status code and a body.
    package struct Outcome: Sendable, Equatable {
        package var status: Int
        package var body: String
    }

    /// The connections, one per loop of the group.
    let connections: [ServerConnection]
    let target: ServerTarget
    let timeoutSeconds: Double
    /// The header forwarded as metadata; see `ClientSettings.canaryHeader`.
    package let canaryHeader: String

    /// `group` must be a `MultiThreadedEventLoopGroup` (the one the HTTP server runs on).
    package init(settings: ClientSettings, group: MultiThreadedEventLoopGroup = .singleton) throws {
        let target = try ServerTarget(settings: settings, path: "/" + Proto_Echo_EchoService.Method.Echo.descriptor.fullyQualifiedMethod)
        connections = group.makeIterator().map { ServerConnection(loop: $0, target: target) }
        self.target = target
        timeoutSeconds = settings.timeoutSeconds
        canaryHeader = settings.canaryHeader
    }

    /// Echo is idempotent, so a call answered UNAVAILABLE (a task stopping, a router with no
    /// task ready, a faulty revision) is tried again; each attempt is balanced anew by the
    /// router, so a retry usually lands on another task. A call cut off because its task died
    /// mid-call ends without a status (INTERNAL): retried too. The deadline covers every attempt.
    /// The backoffs (up to 25+50+100+200 ms) span a reconnect, so calls cut by a dropped
    /// connection are not failed while it comes back.
    static let retry = (attempts: 5, firstBackoff: TimeAmount.milliseconds(25), maxBackoff: TimeAmount.milliseconds(400))
    static let retryable: Set<RPCError.Code> = [.unavailable, .internalError]

    /// The connection of the calling thread's event loop; the first one off the loops (tests).
    var connectionOnThisLoop: ServerConnection {
        connections.first { $0.loop.inEventLoop } ?? connections[0]
    }

    /// Closes the connections (after the HTTP server's last answer).
    package func shutDown() async {
        for connection in connections { try? await connection.shutDown().get() }
    }

    /// Calls Echo; `canary` is the canary header's value, sent as metadata of the same name. The
    /// deadline covers every attempt; an attempt's stream is reset when it passes. Answered on the
    /// calling thread's event loop (the first loop when called from elsewhere).
    package func echo(name: String, canary: String? = nil) -> EventLoopFuture<Outcome> {
        let connection = connectionOnThisLoop
        guard connection.loop.inEventLoop else {
            return connection.loop.flatSubmit { self.echo(name: name, canary: canary) }
        }
        let message: [UInt8]
        do {
            message = try Proto_Echo_EchoRequest.with { $0.name = name }.serializedBytes()
        } catch {
            return connection.loop.makeSucceededFuture(Outcome(status: 502, body: "echo request cannot be encoded: \(error)\n"))
        }
        let call = Call(
            connection: connection,
            deadline: .now() + .milliseconds(Int64(timeoutSeconds * 1000)),
            message: message,
            metadata: canary.map { [(name: canaryHeader, value: $0)] } ?? []
        )
        return attempt(call, number: 1, backoff: Self.retry.firstBackoff)
    }

    private struct Call: Sendable {
        let connection: ServerConnection
        let deadline: NIODeadline
        let message: [UInt8]
        let metadata: [(name: String, value: String)]
    }

    private func attempt(_ call: Call, number: Int, backoff: TimeAmount) -> EventLoopFuture<Outcome> {
        let loop = call.connection.loop
        let left = call.deadline - .now()
        guard left > .zero else { return loop.makeSucceededFuture(Self.deadlineOutcome(timeoutSeconds)) }
        let request = UnaryRequest(base: target.baseHeaders, metadata: call.metadata, message: call.message)
        return call.connection.call(request, timeout: left).flatMapThrowing { bytes in
            let reply = try Proto_Echo_EchoResponse(serializedBytes: Array(bytes.readableBytesView))
            return Outcome(status: 200, body: "Response from the server: \(reply.message)")
        }.flatMapError { [self] error in
            guard let error = error as? RPCError else {
                return loop.makeSucceededFuture(Outcome(status: 502, body: "echo server's reply cannot be decoded: \(error)\n"))
            }
            // Jittered like gRPC's own policy: a random wait up to the backoff.
            let pause = TimeAmount.nanoseconds(Int64.random(in: 0...backoff.nanoseconds))
            guard number < Self.retry.attempts, Self.retryable.contains(error.code), .now() + pause < call.deadline else {
                return loop.makeSucceededFuture(Self.outcome(for: error, timeoutSeconds: timeoutSeconds))
            }
            let next = min(backoff * 2, Self.retry.maxBackoff)
            return loop.scheduleTask(in: pause) {}.futureResult.flatMap { attempt(call, number: number + 1, backoff: next) }
        }
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
