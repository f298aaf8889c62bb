import Foundation
import Testing

@testable import ToolboxCore
@testable import ToolboxHTTP

/// A registry login goes to that registry's scheme, host and port only: a token realm or an
/// upload Location elsewhere gets the request, never the login or the token.
@Suite("Registry credential scope")
struct RegistryCredentialScopeTests {
    static let login = RegistryCredentials(username: "user", password: "secret")

    @Test("An upload Location on another host gets no Authorization header")
    func uploadLocationElsewhereGetsNoLogin() async throws {
        let transport = RecordingTransport([
            .success(HTTPResponse(status: 401, headers: [(name: "WWW-Authenticate", value: #"Basic realm="registry""#)])),
            .success(HTTPResponse(status: 202, headers: [(name: "Location", value: "http://elsewhere.test:5000/upload?id=1")])),
            .success(HTTPResponse(status: 201)),
        ])
        let client = RegistryClient(endpoint: try RegistryEndpoint(parsing: "http://registry.test"), credentials: Self.login, transport: transport)
        try await client.uploadBlob([1, 2, 3], digest: ContentDigest(of: [1, 2, 3]), to: "app")
        let requests = transport.requests
        #expect(requests.count == 3)
        #expect(requests[1].header("Authorization")?.hasPrefix("Basic ") == true)
        #expect(requests[2].url.hasPrefix("http://elsewhere.test:5000/upload"))
        #expect(requests[2].header("Authorization") == nil)
    }

    @Test("A token realm on another host or scheme is asked without the login", arguments: [
        ("https://auth.elsewhere.test/token", false),
        ("https://registry.test/token", false),
        ("http://registry.test/token", true),
        ("http://REGISTRY.test:80/token", true),
    ])
    func tokenRealmGetsTheLoginOnlyOnTheSameOrigin(_ realm: String, _ sendsLogin: Bool) async throws {
        let transport = RecordingTransport([
            .success(HTTPResponse(status: 401, headers: [(name: "WWW-Authenticate", value: "Bearer realm=\"\(realm)\",service=\"r\"")])),
            .success(HTTPResponse(status: 200, body: Array(#"{"token":"t"}"#.utf8))),
            .success(HTTPResponse(status: 404)),
        ])
        let client = RegistryClient(endpoint: try RegistryEndpoint(parsing: "http://registry.test"), credentials: Self.login, transport: transport)
        _ = try await client.hasBlob(ContentDigest(of: [1]), in: "app")
        let tokenRequest = transport.requests[1]
        #expect(tokenRequest.url.hasPrefix(realm))
        #expect((tokenRequest.header("Authorization") != nil) == sendsLogin)
        #expect(transport.requests[2].header("Authorization") == "Bearer t")
    }
}
