import EchoService
import NIOCore
import NIOHTTP1

/// The two routes of the original client, answered in its format. `GET /?name=X` calls the echo
/// server on this loop's connection, forwarding the canary header when present; `GET /ping` is the
/// load balancer's health path. Everything runs on the connection's event loop.
///
/// HTTP/1.1 keep-alive and pipelining: requests are answered one at a time, in order; up to
/// `maxQueued` complete requests wait behind the one being answered (more, and the connection is
/// closed). At graceful shutdown (`ChannelShouldQuiesceEvent`) an idle connection, or one holding
/// only part of a request, is closed at once, and a busy one after its queued answers.
final class EchoHTTPHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    static let maxQueued = 16

    private let caller: EchoCaller
    private var head: HTTPRequestHead?
    private var queued: [HTTPRequestHead] = []
    /// A request is being answered: the idle timeout does not apply.
    private var answering = false
    private var quiescing = false

    init(caller: EchoCaller) { self.caller = caller }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let requestHead):
            head = requestHead
        case .body:
            break  // GET has no body worth reading.
        case .end:
            guard let request = head else { return }
            head = nil
            guard queued.count < Self.maxQueued else {
                context.close(promise: nil)
                return
            }
            queued.append(request)
            if !answering { answerNext(context: context) }
        }
    }

    private func answerNext(context: ChannelHandlerContext) {
        guard !queued.isEmpty else {
            if quiescing { context.close(promise: nil) }
            return
        }
        answering = true
        route(queued.removeFirst(), context: context)
    }

    private func route(_ request: HTTPRequestHead, context: ChannelHandlerContext) {
        let uri = request.uri
        let path = uri.firstIndex(of: "?").map { uri[..<$0] } ?? uri[...]
        switch (request.method, path) {
        case (.GET, "/"):
            let query = uri.firstIndex(of: "?").map { String(uri[uri.index(after: $0)...]) }
            let name = query.flatMap { QueryString.value(named: "name", in: $0) } ?? ""
            let canary = request.headers.first(name: caller.canaryHeader)
            caller.echo(name: name, canary: canary).assumeIsolated().whenSuccess { [self] outcome in
                respond(outcome.status, outcome.body, keepAlive: request.isKeepAlive, context: context)
            }
        case (.GET, "/ping"):
            respond(200, "pong\n", keepAlive: request.isKeepAlive, context: context)
        case (_, "/"), (_, "/ping"):
            respond(405, "method not allowed: use GET\n", keepAlive: request.isKeepAlive, context: context)
        default:
            respond(404, "not found: the routes are GET /?name=X and GET /ping\n", keepAlive: request.isKeepAlive, context: context)
        }
    }

    private func respond(_ status: Int, _ text: String, keepAlive: Bool, context: ChannelHandlerContext) {
        answering = false
        guard context.channel.isActive else { return }
        var headers = HTTPHeaders()
        headers.reserveCapacity(3)
        headers.add(name: "content-type", value: "text/plain; charset=utf-8")
        headers.add(name: "content-length", value: String(text.utf8.count))
        if !keepAlive { headers.add(name: "connection", value: "close") }
        let head = HTTPResponseHead(version: .http1_1, status: HTTPResponseStatus(statusCode: status), headers: headers)
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(string: text)))), promise: nil)
        let written = context.writeAndFlush(wrapOutboundOut(.end(nil)))
        guard keepAlive else {
            written.assumeIsolated().whenComplete { _ in context.close(promise: nil) }
            return
        }
        answerNext(context: context)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        switch event {
        case is ChannelShouldQuiesceEvent:
            quiescing = true
            if !answering && queued.isEmpty { context.close(promise: nil) }
        case let idle as IdleStateHandler.IdleStateEvent where idle == .read && !answering:
            // Idle, or a request only partly sent, for the idle timeout.
            context.close(promise: nil)
        default:
            context.fireUserInboundEventTriggered(event)
        }
    }
}
