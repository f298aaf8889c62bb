import Foundation
import Testing

@testable import ToolboxAWS
@testable import ToolboxCore

/// The ECR authorization flow against moto's server (moto accepts no pushes, so the check
/// stops at the credentials the registry client would use).
@Suite("ECR registry login")
struct ECRRegistryLoginTests {
    @Test("GetAuthorizationToken becomes the account's HTTPS registry and an AWS login")
    func loginFromMoto() async throws {
        try await withAWSEmulator { endpoint in
            let login = try await ECRRegistryLogin.fetch(from: ECR(client: testClient(endpoint: endpoint)))
            #expect(login.endpoint.baseURL.hasPrefix("https://"))
            #expect(login.endpoint.host.contains(".dkr.ecr.us-east-1.amazonaws.com"))
            #expect(login.credentials.username == "AWS")
            #expect(!login.credentials.password.isEmpty)
            #expect(!"\(login.credentials)".contains(login.credentials.password))
        }
    }

    @Test("The login answers a registry's basic challenge")
    func loginAnswersBasicChallenge() async throws {
        let login = RegistryCredentials(username: "AWS", password: "from-ecr")
        let registry = InMemoryRegistry(authorization: .basic(user: "AWS", password: "from-ecr"))
        let summary = try await RegistryClientTests.push(registry, credentials: login)
        #expect(summary.uploadedBlobs.count == 2)
    }
}
