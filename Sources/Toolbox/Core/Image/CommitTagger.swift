import Foundation

/// What the post-commit hook did for one commit, as lines for the user.
public struct CommitTaggingReport: Sendable, Equatable {
    public var lines: [String] = []
    /// One-line warnings (a taken tag name, an unreachable registry); never fatal to the commit.
    public var warnings: [String] = []
}

/// The post-commit hook's logic: (a) tag every image built from exactly the new commit's tree
/// with the commit's tag, locally and in each registry it was pushed to (a manifest put, nothing
/// rebuilt or uploaded); (b) when the commit changed the version constant, create the annotated
/// git tag `<prefix><version>` on it, never moving an existing tag.
public struct CommitTagger {
    public var repository: GitRepository
    public var store: ImageStore
    /// Repository-relative path of the Swift file holding the version constant.
    public var versionFile = ServiceSpec.echoServer.versionFile ?? ""
    public var versionConstant = ServiceSpec.echoServer.versionConstant ?? ""
    public var gitTagPrefix = "echo-server/v"
    /// Makes the client for a registry an image was pushed to.
    public var registryClient: @Sendable (RegistryEndpoint) -> RegistryClient

    public init(
        repository: GitRepository,
        store: ImageStore,
        registryClient: @escaping @Sendable (RegistryEndpoint) -> RegistryClient
    ) {
        self.repository = repository
        self.store = store
        self.registryClient = registryClient
    }

    /// Image tags to add: (image name, manifest, new tag).
    struct Retag: Sendable {
        var name: String
        var manifest: OCIDescriptor
        var tag: String
    }

    public func tagHeadCommit() async throws -> CommitTaggingReport {
        var report = CommitTaggingReport()
        let head = try repository.headCommit()
        let shortID = try repository.shortID(of: head.id)
        try tagVersionChange(head, shortID: shortID, report: &report)
        for retag in try retags(tree: head.treeID.hex, shortID: shortID) {
            try store.tag(retag.manifest, as: ImageReference(name: retag.name, tag: retag.tag))
            report.lines.append("image \(retag.name):\(retag.tag) (built from this tree, not rebuilt)")
            for record in try PushRecords(store: store).records(for: retag.name)
            where record.manifest == retag.manifest.digest {
                do {
                    let client = registryClient(try RegistryEndpoint(parsing: record.registry))
                    let pusher = ImagePusher(store: store, client: client)
                    try await pusher.addTag(retag.tag, toManifest: retag.manifest.digest, of: retag.name)
                    report.lines.append("registry \(record.registry)/\(record.repository):\(retag.tag) tagged")
                } catch {
                    report.warnings.append(
                        "could not tag \(record.registry)/\(record.repository):\(retag.tag): \(error)"
                    )
                }
            }
        }
        return report
    }

    /// Images whose tree label is `tree` and which lack the clean tag for this commit.
    func retags(tree: String, shortID: String) throws -> [Retag] {
        var retags: [Retag] = []
        for name in store.imageNames() {
            let index = try store.index(for: name)
            let tags = Set(index.manifests.compactMap { $0.annotations?[OCIAnnotation.referenceName] })
            var seen: Set<ContentDigest> = []
            for var descriptor in index.manifests where seen.insert(descriptor.digest).inserted {
                descriptor.annotations = nil
                let manifest = try CanonicalJSON.decode(
                    OCIManifest.self,
                    from: store.readBlob(descriptor.digest, for: name)
                )
                let labels = try store.configuration(of: manifest, for: name).config.Labels ?? [:]
                guard labels[OCIAnnotation.tree] == tree, let version = labels[OCIAnnotation.version] else { continue }
                let tag = RevisionIdentity.tag(version: version, shortCommit: shortID, isDirty: false)
                if !tags.contains(tag) { retags.append(Retag(name: name, manifest: descriptor, tag: tag)) }
            }
        }
        return retags
    }

    private func tagVersionChange(_ head: GitCommit, shortID: String, report: inout CommitTaggingReport) throws {
        guard let version = try version(in: head) else { return }
        let previous = try head.firstParent().flatMap { try self.version(in: $0) }
        guard version != previous else { return }
        let name = gitTagPrefix + version
        switch try repository.createAnnotatedTag(name, on: head.id, message: "echo-server \(version)\n") {
        case .created:
            report.lines.append("git tag \(name) on \(shortID)")
        case .alreadyExists(let target) where target == head.id:
            break
        case .alreadyExists(let target):
            report.warnings.append("git tag \(name) already exists on \(try repository.shortID(of: target)); not moved")
        }
    }

    private func version(in commit: GitCommit) throws -> String? {
        try commit.fileContents(atPath: versionFile).flatMap {
            VersionConstant.parse(String(decoding: $0, as: UTF8.self), constant: versionConstant)
        }
    }
}
