import Foundation

@testable import ToolboxCore
@testable import ToolboxHTTP
@testable import ToolboxSigV4

/// A tiny OCI registry behind `HTTPTransport`, for unit tests of the client's protocol and
/// authorization handling: it stores blobs and manifests and records every request.
final class InMemoryRegistry: HTTPTransport, @unchecked Sendable {
    enum Authorization {
        case anonymous
        case basic(user: String, password: String)
        /// Tokens from `realm`, issued to the given login for any scope.
        case bearer(realm: String, user: String, password: String)
    }

    static let issuedToken = "token-for-tests"
    private let lock = NSLock()
    private let authorization: Authorization
    private var blobs: [String: [UInt8]] = [:]
    private var manifests: [String: [UInt8]] = [:]
    private var requests: [HTTPRequest] = []

    init(authorization: Authorization = .anonymous) { self.authorization = authorization }

    var recorded: [HTTPRequest] { lock.withLock { requests } }

    func manifest(_ repositoryAndTag: String) -> [UInt8]? { lock.withLock { manifests[repositoryAndTag] } }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        lock.withLock {
            requests.append(request)
            return answer(request)
        }
    }

    private func answer(_ request: HTTPRequest) -> HTTPResponse {
        let given = request.headers.first { $0.name == "Authorization" }?.value
        let path = request.url.replacingOccurrences(of: "http://registry.test", with: "")
        switch authorization {
        case .anonymous:
            break
        case .basic(let user, let password):
            if given != "Basic " + Data("\(user):\(password)".utf8).base64EncodedString() {
                return HTTPResponse(status: 401, headers: [("WWW-Authenticate", "Basic realm=\"test\"")])
            }
        case .bearer(let realm, let user, let password):
            if request.url.hasPrefix(realm) {
                let expected = "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()
                guard given == expected else { return HTTPResponse(status: 401) }
                return HTTPResponse(status: 200, body: Array("{\"token\":\"\(Self.issuedToken)\"}".utf8))
            }
            if given != "Bearer \(Self.issuedToken)" {
                return HTTPResponse(
                    status: 401,
                    headers: [
                        (
                            "WWW-Authenticate",
                            "Bearer realm=\"\(realm)\",service=\"registry.test\",scope=\"repository:x:pull,push\""
                        )
                    ]
                )
            }
        }
        return route(request.method, path, request.body)
    }

    private func route(_ method: String, _ path: String, _ body: [UInt8]) -> HTTPResponse {
        let parts = path.split(separator: "?", maxSplits: 1).map(String.init)
        let route = parts[0]
        if method == "HEAD", let range = route.range(of: "/blobs/") {
            return HTTPResponse(status: blobs[String(route[range.upperBound...])] == nil ? 404 : 200)
        }
        if method == "POST", route.hasSuffix("/blobs/uploads/") {
            return HTTPResponse(status: 202, headers: [("Location", route + "session-1")])
        }
        if method == "PUT", route.contains("/blobs/uploads/"), parts.count == 2, parts[1].hasPrefix("digest=") {
            let digest = parts[1].dropFirst("digest=".count).replacingOccurrences(of: "%3A", with: ":")
            guard ContentDigest(of: body).value == digest else {
                return HTTPResponse(
                    status: 400,
                    body: Array(#"{"errors":[{"code":"DIGEST_INVALID","message":"digest mismatch"}]}"#.utf8)
                )
            }
            blobs[digest] = body
            return HTTPResponse(status: 201)
        }
        if method == "PUT", let range = route.range(of: "/manifests/") {
            let repository = route[route.index(route.startIndex, offsetBy: 4)..<range.lowerBound]
            manifests["\(repository):\(route[range.upperBound...])"] = body
            return HTTPResponse(status: 201, headers: [("Docker-Content-Digest", ContentDigest(of: body).value)])
        }
        return HTTPResponse(
            status: 404,
            body: Array(#"{"errors":[{"code":"NAME_UNKNOWN","message":"no route"}]}"#.utf8)
        )
    }
}
