import Foundation
import Testing

@testable import ToolboxCore

/// The push protocol and its three kinds of authorization, against an in-memory registry.
@Suite("Registry client")
struct RegistryClientTests {
    typealias Support = ImageTestSupport

    /// A small image in a scratch store, built from a shell script "executable" (static: no closure).
    static func storeWithImage() throws -> (ImageStore, BuiltImage, URL) {
        let directory = try Support.makeScratch("store")
        let executable = directory.appendingPathComponent("tool")
        try Data("#!/bin/sh\necho hi\n".utf8).write(to: executable)
        let store = ImageStore(root: directory.appendingPathComponent("images"))
        let provenance = RevisionIdentity(
            commit: String(repeating: "a", count: 40),
            shortCommit: "aaaaaaa",
            tree: String(repeating: "b", count: 40),
            isDirty: false,
            version: "0.9",
            created: Date(timeIntervalSince1970: 1_700_000_000)
        )
        let image = try ImageBuilder(store: store).build(
            ImageRecipe(name: "tool", executable: executable, exposedPorts: [50051]),
            provenance: provenance
        )
        return (store, image, directory)
    }

    static func push(_ registry: InMemoryRegistry, credentials: RegistryCredentials? = nil) async throws -> PushSummary
    {
        let (store, image, directory) = try storeWithImage()
        defer { Support.removeScratch(directory) }
        let client = RegistryClient(
            endpoint: try RegistryEndpoint(parsing: "http://registry.test"),
            credentials: credentials,
            transport: registry
        )
        return try await ImagePusher(store: store, client: client).push(image.reference)
    }

    @Test("Anonymous push: HEAD each blob, upload the missing ones, then put the manifest; twice uploads nothing")
    func anonymousPush() async throws {
        let registry = InMemoryRegistry()
        let first = try await Self.push(registry)
        #expect(first.uploadedBlobs.count == 2 && first.presentBlobs.isEmpty)
        #expect(registry.recorded.map(\.method) == ["HEAD", "POST", "PUT", "HEAD", "POST", "PUT", "PUT"])
        #expect(registry.manifest("tool:0.9-aaaaaaa").map(ContentDigest.init(of:)) == first.manifestDigest)
        let second = try await Self.push(registry)
        #expect(second.uploadedBlobs.isEmpty && second.presentBlobs.count == 2)
        #expect(second.manifestDigest == first.manifestDigest)
    }

    @Test("Basic authorization answers the challenge with the login")
    func basicPush() async throws {
        let registry = InMemoryRegistry(authorization: .basic(user: "ci", password: "pw"))
        let summary = try await Self.push(registry, credentials: .init(username: "ci", password: "pw"))
        #expect(summary.uploadedBlobs.count == 2)
        // Only the first call was refused: the working Authorization is reused.
        #expect(registry.recorded.filter { !$0.headers.contains { $0.name == "Authorization" } }.count == 1)
    }

    @Test("Bearer authorization fetches a token from the realm with service and scope")
    func bearerPush() async throws {
        let registry = InMemoryRegistry(
            // The realm on the registry's own origin: only there does the login go (see RegistryCredentialScopeTests).
            authorization: .bearer(realm: "http://registry.test/token", user: "ci", password: "pw")
        )
        let summary = try await Self.push(registry, credentials: .init(username: "ci", password: "pw"))
        #expect(summary.uploadedBlobs.count == 2)
        let tokenRequest = try #require(registry.recorded.first { $0.url.hasPrefix("http://registry.test/token") })
        #expect(tokenRequest.url == "http://registry.test/token?service=registry.test&scope=repository%3Ax%3Apull%2Cpush")
    }

    @Test("A refused login is an error that names the operation and never the password")
    func wrongPassword() async throws {
        let registry = InMemoryRegistry(authorization: .basic(user: "ci", password: "right"))
        let error = await #expect(throws: RegistryError.self) {
            try await Self.push(registry, credentials: .init(username: "ci", password: "wrong-secret"))
        }
        #expect(error?.status == 401)
        #expect(error.map { "\($0)".contains("wrong-secret") } == false)
        let anonymous = await #expect(throws: RegistryError.self) { try await Self.push(registry) }
        #expect(anonymous?.message.contains("REGISTRY_USERNAME") == true)
    }
}
