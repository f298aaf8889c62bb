import EchoService
import Hummingbird

/// The two routes of the original client, answered in its format. A request carrying the canary
/// header has it forwarded to its gRPC call.
package enum EchoRoutes {
    package static func router(caller: EchoCaller) -> Router<BasicRequestContext> {
        let router = Router()
        // ClientSettings admits only header tokens, so the name always parses.
        let canaryHeader = HTTPFields.Element.Name(caller.canaryHeader)
        router.get("/") { request, _ -> Response in
            let name = request.uri.query.flatMap { QueryString.value(named: "name", in: $0) } ?? ""
            let canary = canaryHeader.flatMap { request.headers[$0] }
            let outcome = await caller.echo(name: name, canary: canary)
            return text(outcome.body, status: .init(code: outcome.status))
        }
        router.get("/ping") { _, _ -> Response in
            text("pong\n", status: .ok)
        }
        return router
    }

    static func text(_ body: String, status: HTTPResponse.Status) -> Response {
        Response(
            status: status,
            headers: [.contentType: "text/plain; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: body))
        )
    }
}
