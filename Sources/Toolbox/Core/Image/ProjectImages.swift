import Foundation
import ToolboxHTTP

/// The image jobs of one project checkout, each one call for the `image` executable:
/// build from the working tree, push, unpack, and the post-commit re-tagging.
public struct ProjectImages {
    public var projectRoot: URL
    public var store: ImageStore

    public init(projectRoot: URL, store: ImageStore? = nil) {
        self.projectRoot = projectRoot
        self.store = store ?? ImageStore(projectRoot: projectRoot)
    }

    /// Builds `recipe` tagged `<version>-<short commit>[-dirty]` (`RevisionIdentity.images`).
    public func build(_ recipe: ImageRecipe, compressionLevel: Int32 = 6) throws -> BuiltImage {
        let identity = try RevisionIdentity.images(at: projectRoot)
        return try ImageBuilder(store: store, compressionLevel: compressionLevel).build(recipe, provenance: identity)
    }

    /// The tag a build of the working tree gets now (what `make push` pushes after `make image`).
    public func currentTag() throws(ToolboxError) -> String {
        try RevisionIdentity.images(at: projectRoot).tag
    }

    /// Pushes a built image to `registry`.
    public func push(
        _ reference: ImageReference,
        to registry: RegistryEndpoint,
        repository: String? = nil,
        credentials: RegistryCredentials?,
        transport: any HTTPTransport,
        progress: @Sendable (PushEvent) -> Void
    ) async throws -> PushSummary {
        let client = RegistryClient(endpoint: registry, credentials: credentials, transport: transport)
        return try await ImagePusher(store: store, client: client).push(reference, toRepository: repository, progress: progress)
    }

    /// The post-commit hook's job for HEAD (see `CommitTagger`).
    public func tagHeadCommit(credentials: RegistryCredentials?, transport: any HTTPTransport) async throws
        -> CommitTaggingReport
    {
        let tagger = CommitTagger(repository: try GitRepository(discoveringFrom: projectRoot), store: store) {
            endpoint in
            RegistryClient(endpoint: endpoint, credentials: credentials, transport: transport)
        }
        return try await tagger.tagHeadCommit()
    }
}
