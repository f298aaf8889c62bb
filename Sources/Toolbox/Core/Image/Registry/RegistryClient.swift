import Foundation
import ToolboxHTTP
import ToolboxSigV4

/// The OCI distribution API calls a push needs, over any `HTTPTransport`.
///
/// Each call is sent with the last Authorization that worked; a 401 is answered once through
/// `RegistryAuthorizer` and the call repeated.
public actor RegistryClient {
    public let endpoint: RegistryEndpoint
    private let transport: any HTTPTransport
    private let authorizer: RegistryAuthorizer
    private var authorization: String?

    public init(endpoint: RegistryEndpoint, credentials: RegistryCredentials?, transport: any HTTPTransport) {
        self.endpoint = endpoint
        self.transport = transport
        authorizer = RegistryAuthorizer(credentials: credentials, transport: transport, registryURL: endpoint.baseURL)
    }

    /// HEAD of a blob: true when the repository already has it.
    public func hasBlob(_ digest: ContentDigest, in repository: String) async throws -> Bool {
        let response = try await send(
            "HEAD",
            "/v2/\(repository)/blobs/\(digest)",
            operation: "check blob \(digest.short)"
        )
        switch response.status {
        case 200: return true
        case 404: return false
        default: throw Self.error("check blob \(digest.short)", response)
        }
    }

    /// Uploads a blob monolithically: POST opens an upload session, PUT with the digest closes it.
    public func uploadBlob(_ bytes: [UInt8], digest: ContentDigest, to repository: String) async throws {
        let operation = "upload blob \(digest.short)"
        let opened = try await send("POST", "/v2/\(repository)/blobs/uploads/", operation: operation)
        guard opened.status == 202, let location = opened.header("Location") else {
            throw Self.error(operation, opened)
        }
        let target =
            (location.hasPrefix("/") ? endpoint.baseURL + location : location)
            + (location.contains("?") ? "&" : "?") + "digest=\(digest.value.replacingOccurrences(of: ":", with: "%3A"))"
        let closed = try await send(
            "PUT",
            target,
            operation: operation,
            body: bytes,
            headers: [(name: "Content-Type", value: "application/octet-stream")]
        )
        guard closed.status == 201 else { throw Self.error(operation, closed) }
    }

    /// Puts a manifest under a tag (or digest); returns the digest the registry reports.
    @discardableResult
    public func putManifest(_ bytes: [UInt8], mediaType: String, in repository: String, reference: String) async throws
        -> ContentDigest
    {
        let operation = "put manifest \(repository):\(reference)"
        let response = try await send(
            "PUT",
            "/v2/\(repository)/manifests/\(reference)",
            operation: operation,
            body: bytes,
            headers: [(name: "Content-Type", value: mediaType)]
        )
        guard response.status == 201 else { throw Self.error(operation, response) }
        return (try? ContentDigest(parsing: response.header("Docker-Content-Digest") ?? "")) ?? ContentDigest(of: bytes)
    }

    /// The digest of the manifest a tag points at, nil when there is no such tag.
    public func manifestDigest(in repository: String, reference: String) async throws -> ContentDigest? {
        let operation = "look up \(repository):\(reference)"
        let response = try await send(
            "HEAD",
            "/v2/\(repository)/manifests/\(reference)",
            operation: operation,
            headers: [(name: "Accept", value: OCIMediaType.manifest)]
        )
        if response.status == 404 { return nil }
        guard response.status == 200, let header = response.header("Docker-Content-Digest") else {
            throw Self.error(operation, response)
        }
        return try ContentDigest(parsing: header)
    }

    private func send(
        _ method: String,
        _ pathOrURL: String,
        operation: String,
        body: [UInt8] = [],
        headers: [(name: String, value: String)] = []
    ) async throws -> HTTPResponse {
        let url = pathOrURL.hasPrefix("/") ? endpoint.baseURL + pathOrURL : pathOrURL
        // A Location may name another host or scheme: it gets the request, never our login or token.
        let sameOrigin = URLOrigin.same(url, endpoint.baseURL)
        func request() -> HTTPRequest {
            var all = headers
            if sameOrigin, let authorization { all.append((name: "Authorization", value: authorization)) }
            return HTTPRequest(method: method, url: url, headers: all, body: body)
        }
        let first = try await transport.send(request())
        guard first.status == 401, sameOrigin else { return first }
        authorization = try await authorizer.authorization(
            answering: first.header("WWW-Authenticate"),
            operation: operation
        )
        let second = try await transport.send(request())
        if second.status == 401 { throw Self.error(operation, second) }
        return second
    }

    /// The registry's own error code and message when the body carries them (OCI error format).
    static func error(_ operation: String, _ response: HTTPResponse) -> RegistryError {
        struct Body: Decodable {
            struct Entry: Decodable {
                var code: String?
                var message: String?
            }
            var errors: [Entry]?
        }
        let first = (try? JSONDecoder().decode(Body.self, from: Data(response.body)))?.errors?.first
        return RegistryError(
            operation: operation,
            status: response.status,
            code: first?.code,
            message: first?.message ?? ""
        )
    }
}

extension ContentDigest {
    /// The first 12 hex digits, enough to tell blobs apart in progress lines.
    public var short: String { String(hex.prefix(12)) }
}
