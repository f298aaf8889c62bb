import Foundation

/// The images built on this machine: one OCI image layout per image name under a root
/// (`.toolbox/images/<name>/` with oci-layout, index.json and blobs/sha256/), readable by
/// skopeo and umoci as `oci:.toolbox/images/<name>:<tag>`.
public struct ImageStore: Sendable {
    public let root: URL

    public init(root: URL) { self.root = root }

    /// `.toolbox/images` under a project's root.
    public init(projectRoot: URL) { self.init(root: projectRoot.appendingPathComponent(".toolbox/images")) }

    public func layoutDirectory(for name: String) -> URL { root.appendingPathComponent(name) }

    /// The image names that have a layout, sorted.
    public func imageNames() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        return names.filter {
            FileManager.default.fileExists(atPath: root.appendingPathComponent("\($0)/index.json").path)
        }
        .sorted()
    }

    /// Stores `bytes` as a blob of image `name` (idempotent: blobs are named by their digest).
    @discardableResult
    public func writeBlob(_ bytes: [UInt8], for name: String) throws -> ContentDigest {
        let digest = ContentDigest(of: bytes)
        let file = blobFile(digest, for: name)
        if !FileManager.default.fileExists(atPath: file.path) {
            try createLayoutIfNeeded(for: name)
            try Data(bytes).write(to: file, options: .atomic)
        }
        return digest
    }

    /// The blob's bytes, re-hashed on every read: a layout may have been altered since it was
    /// written (or was never written here), and a blob is only what its digest says.
    public func readBlob(_ digest: ContentDigest, for name: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: blobFile(digest, for: name).path) else {
            throw ImageError("blob \(digest) of \(name) is missing from \(root.path)")
        }
        let bytes = Array(data)
        let actual = ContentDigest(of: bytes)
        guard actual == digest else {
            throw ImageError("blob \(digest.short) of \(name) is corrupt: its content hashes to \(actual.short)")
        }
        return bytes
    }

    public func blobFile(_ digest: ContentDigest, for name: String) -> URL {
        layoutDirectory(for: name).appendingPathComponent("blobs/sha256/\(digest.hex)")
    }

    /// The layout's index.json (empty when the image was never built).
    public func index(for name: String) throws -> OCIIndex {
        let file = layoutDirectory(for: name).appendingPathComponent("index.json")
        guard let data = FileManager.default.contents(atPath: file.path) else { return OCIIndex() }
        return try CanonicalJSON.decode(OCIIndex.self, from: Array(data))
    }

    /// Points `reference`'s tag at `manifest`, replacing what the tag pointed at before.
    public func tag(_ manifest: OCIDescriptor, as reference: ImageReference) throws {
        try createLayoutIfNeeded(for: reference.name)
        var index = try index(for: reference.name)
        index.manifests.removeAll { $0.annotations?[OCIAnnotation.referenceName] == reference.tag }
        var tagged = manifest
        tagged.annotations = [OCIAnnotation.referenceName: reference.tag]
        index.manifests.append(tagged)
        index.manifests.sort {
            ($0.annotations?[OCIAnnotation.referenceName] ?? "") < ($1.annotations?[OCIAnnotation.referenceName] ?? "")
        }
        let file = layoutDirectory(for: reference.name).appendingPathComponent("index.json")
        try Data(CanonicalJSON.encode(index)).write(to: file, options: .atomic)
    }

    /// The tags of image `name`, sorted.
    public func tags(for name: String) throws -> [String] {
        try index(for: name).manifests.compactMap { $0.annotations?[OCIAnnotation.referenceName] }.sorted()
    }

    /// The manifest a tag points at, with its descriptor (annotations dropped).
    public func manifest(for reference: ImageReference) throws -> (descriptor: OCIDescriptor, manifest: OCIManifest) {
        guard
            var descriptor = try index(for: reference.name).manifests.first(where: {
                $0.annotations?[OCIAnnotation.referenceName] == reference.tag
            })
        else { throw ImageError("no image \(reference) in \(root.path)") }
        descriptor.annotations = nil
        let manifest = try CanonicalJSON.decode(
            OCIManifest.self,
            from: readBlob(descriptor.digest, for: reference.name)
        )
        return (descriptor, manifest)
    }

    public func configuration(of manifest: OCIManifest, for name: String) throws -> OCIImageConfiguration {
        try CanonicalJSON.decode(OCIImageConfiguration.self, from: readBlob(manifest.config.digest, for: name))
    }

    private func createLayoutIfNeeded(for name: String) throws {
        let directory = layoutDirectory(for: name)
        try FileManager.default.createDirectory(
            at: directory.appendingPathComponent("blobs/sha256"),
            withIntermediateDirectories: true
        )
        let marker = directory.appendingPathComponent("oci-layout")
        if !FileManager.default.fileExists(atPath: marker.path) {
            try Data(#"{"imageLayoutVersion":"1.0.0"}"#.utf8).write(to: marker)
        }
    }
}
