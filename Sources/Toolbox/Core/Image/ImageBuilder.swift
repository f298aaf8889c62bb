import Foundation

/// What a build produced: the reference it is tagged as and the sizes a user cares about.
public struct BuiltImage: Sendable, Equatable {
    public var reference: ImageReference
    public var manifest: OCIDescriptor
    public var uncompressedSize: Int
    public var compressedSize: Int
}

/// Assembles an image from a recipe without a container engine and stores it in an `ImageStore`.
///
/// Every input to the digest is fixed by the recipe, the closure's files and the provenance
/// (the commit time, never the clock), so the same commit and toolchain give the same digest.
public struct ImageBuilder: Sendable {
    public var store: ImageStore
    /// gzip level of the layer (a change of level changes the layer digest).
    public var compressionLevel: Int32

    public init(store: ImageStore, compressionLevel: Int32 = 6) {
        self.store = store
        self.compressionLevel = compressionLevel
    }

    public func build(_ recipe: ImageRecipe, provenance: RevisionIdentity) throws -> BuiltImage {
        let closure = try LibraryClosure.of(executable: recipe.executable)
        let layer = try TarWriter.archive(RootFilesystem.entries(for: recipe, closure: closure))
        let compressedLayer = try Gzip.compress(layer, level: compressionLevel)
        let layerDigest = try store.writeBlob(compressedLayer, for: recipe.name)

        let labels = labels(recipe, provenance)
        let created = Self.timestamp(provenance.created)
        let configuration = OCIImageConfiguration(
            created: created,
            architecture: Self.architecture,
            config: .init(
                User: "\(RootFilesystem.userID):\(RootFilesystem.userID)",
                ExposedPorts: recipe.exposedPorts.isEmpty
                    ? nil : Dictionary(uniqueKeysWithValues: recipe.exposedPorts.map { ("\($0)/tcp", .init()) }),
                Env: ["PATH=/usr/local/bin:/usr/bin:/bin"] + recipe.environment,
                Entrypoint: [recipe.executablePathInImage] + recipe.arguments,
                WorkingDir: "/",
                Labels: labels
            ),
            rootfs: .init(diff_ids: [ContentDigest(of: layer)]),
            history: [.init(created: created, created_by: "echo-toolbox image build \(recipe.name)")]
        )
        let configurationBytes = try CanonicalJSON.encode(configuration)
        let configurationDigest = try store.writeBlob(configurationBytes, for: recipe.name)

        let manifest = OCIManifest(
            config: OCIDescriptor(
                mediaType: OCIMediaType.config,
                digest: configurationDigest,
                size: configurationBytes.count
            ),
            layers: [
                OCIDescriptor(mediaType: OCIMediaType.gzipLayer, digest: layerDigest, size: compressedLayer.count)
            ],
            annotations: labels
        )
        let manifestBytes = try CanonicalJSON.encode(manifest)
        let manifestDescriptor = OCIDescriptor(
            mediaType: OCIMediaType.manifest,
            digest: try store.writeBlob(manifestBytes, for: recipe.name),
            size: manifestBytes.count
        )
        let reference = ImageReference(name: recipe.name, tag: provenance.tag)
        try store.tag(manifestDescriptor, as: reference)
        return BuiltImage(
            reference: reference,
            manifest: manifestDescriptor,
            uncompressedSize: layer.count,
            compressedSize: compressedLayer.count
        )
    }

    private func labels(_ recipe: ImageRecipe, _ provenance: RevisionIdentity) -> [String: String] {
        var labels = [
            OCIAnnotation.revision: provenance.commit,
            OCIAnnotation.version: provenance.version,
            OCIAnnotation.created: Self.timestamp(provenance.created),
            OCIAnnotation.title: recipe.name,
            OCIAnnotation.tree: provenance.tree,
        ]
        labels[OCIAnnotation.source] = recipe.source
        return labels
    }

    /// RFC 3339 in UTC, as OCI's "created" fields are.
    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }

    /// The OCI (Go) name of the architecture this toolbox runs on and builds for.
    static var architecture: String {
        #if arch(arm64)
            return "arm64"
        #else
            return "amd64"
        #endif
    }
}
