
/// One step of a push, for progress lines.
public enum PushEvent: Sendable, Equatable {
    /// A blob the registry already had (not uploaded).
    case blobPresent(ContentDigest, size: Int)
    case blobUploaded(ContentDigest, size: Int)
    case manifestPut(repository: String, tag: String, digest: ContentDigest)
}

/// What a push did.
public struct PushSummary: Sendable, Equatable {
    public var repository: String
    public var tag: String
    public var manifestDigest: ContentDigest
    public var uploadedBlobs: [ContentDigest]
    public var presentBlobs: [ContentDigest]
}

/// Pushes images from the local store: blobs the registry lacks (checked with HEAD first), then
/// the manifest under its tag; each push is recorded so the post-commit hook can re-tag there.
public struct ImagePusher: Sendable {
    public var store: ImageStore
    public var client: RegistryClient

    public init(store: ImageStore, client: RegistryClient) {
        self.store = store
        self.client = client
    }

    /// `repository` overrides the registry repository (ECR: `<project>/server`).
    public func push(
        _ reference: ImageReference,
        toRepository repositoryOverride: String? = nil,
        progress: @Sendable (PushEvent) -> Void = { _ in }
    ) async throws -> PushSummary {
        let (descriptor, manifest) = try store.manifest(for: reference)
        let repository = repositoryOverride ?? client.endpoint.repository(for: reference.name)
        var uploaded: [ContentDigest] = []
        var present: [ContentDigest] = []
        for blob in manifest.layers + [manifest.config] {
            if try await client.hasBlob(blob.digest, in: repository) {
                present.append(blob.digest)
                progress(.blobPresent(blob.digest, size: blob.size))
            } else {
                try await client.uploadBlob(
                    store.readBlob(blob.digest, for: reference.name),
                    digest: blob.digest,
                    to: repository
                )
                uploaded.append(blob.digest)
                progress(.blobUploaded(blob.digest, size: blob.size))
            }
        }
        let manifestBytes = try store.readBlob(descriptor.digest, for: reference.name)
        try await client.putManifest(
            manifestBytes,
            mediaType: descriptor.mediaType,
            in: repository,
            reference: reference.tag
        )
        progress(.manifestPut(repository: repository, tag: reference.tag, digest: descriptor.digest))
        try PushRecords(store: store).record(
            PushRecord(registry: client.endpoint.description, repository: repository, manifest: descriptor.digest),
            for: reference.name
        )
        return PushSummary(
            repository: repository,
            tag: reference.tag,
            manifestDigest: descriptor.digest,
            uploadedBlobs: uploaded,
            presentBlobs: present
        )
    }

    /// Puts an already pushed manifest under one more tag: no blob is checked or uploaded.
    public func addTag(_ tag: String, toManifest digest: ContentDigest, of name: String) async throws {
        let repository = client.endpoint.repository(for: name)
        let bytes = try store.readBlob(digest, for: name)
        try await client.putManifest(bytes, mediaType: OCIMediaType.manifest, in: repository, reference: tag)
    }
}
