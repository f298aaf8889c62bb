import Foundation
import Testing

@testable import ToolboxAWS
@testable import ToolboxHTTP

/// What the HTTP transport and the container credentials provider agree to talk to.
@Suite struct TransportScopeTests {
    @Test("libcurl speaks http and https only: a file:// URL is an error, not a read")
    func curlRefusesOtherSchemes() async throws {
        await #expect(throws: (any Error).self) {
            _ = try await CurlTransport().send(HTTPRequest(method: "GET", url: "file:///etc/hostname"))
        }
    }

    @Test("AWS_CONTAINER_CREDENTIALS_FULL_URI follows the AWS SDKs' allowlist", arguments: [
        ("https://credentials.example.com/creds", true),
        ("http://127.0.0.1:9/creds", true),
        ("http://127.1.2.3/creds", true),
        ("http://localhost/creds", true),
        ("http://[::1]:9/creds", true),
        ("http://169.254.170.2/v2/credentials", true),
        ("http://169.254.170.23/v1/credentials", true),
        ("http://[fd00:ec2::23]/v1/credentials", true),
        ("http://credentials.example.com/creds", false),
        ("http://169.254.169.254/latest", false),
        ("http://127.0.0.1.example.com/creds", false),
        ("ftp://127.0.0.1/creds", false),
    ])
    func containerURIAllowlist(_ uri: String, _ allowed: Bool) async throws {
        let transport = RecordingTransport(status: 500, body: "")
        let provider = ContainerCredentialProvider(
            environment: ["AWS_CONTAINER_CREDENTIALS_FULL_URI": uri, "AWS_CONTAINER_AUTHORIZATION_TOKEN": "token"],
            transport: transport
        )
        let error = await #expect(throws: AWSConfigurationError.self) { _ = try await provider.credentials() }
        // Allowed: asked (and its 500 refused); not allowed: refused before any request carries the token.
        #expect(transport.requests.count == (allowed ? 1 : 0), "\(uri)")
        #expect(error?.message.contains("must use https") == !allowed, "\(uri)")
    }
}
