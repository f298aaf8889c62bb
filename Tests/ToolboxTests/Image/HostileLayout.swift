import Foundation

@testable import ToolboxCore

/// An OCI image layout written around hand-made layers, as an image pulled from elsewhere would
/// arrive: the toolbox's reader must treat every byte of it as untrusted.
struct HostileLayout {
    let scratch: URL
    let store: ImageStore
    let reference = ImageReference(name: "hostile", tag: "1")

    /// `scratch/images` holds the layout; unpacking goes to `scratch/unpack/rootfs`.
    init(scratch: URL, layers: [[RawTar.Member]]) throws {
        self.scratch = scratch
        store = ImageStore(root: scratch.appendingPathComponent("images"))
        var descriptors: [OCIDescriptor] = []
        var diffIDs: [ContentDigest] = []
        for members in layers {
            let archive = RawTar.archive(members)
            let compressed = try Gzip.compress(archive)
            let digest = try store.writeBlob(compressed, for: reference.name)
            descriptors.append(OCIDescriptor(mediaType: OCIMediaType.gzipLayer, digest: digest, size: compressed.count))
            diffIDs.append(ContentDigest(of: archive))
        }
        let configuration = OCIImageConfiguration(
            created: "1970-01-01T00:00:00Z",
            architecture: "amd64",
            config: .init(Entrypoint: ["/bin/app"]),
            rootfs: .init(diff_ids: diffIDs),
            history: []
        )
        let configBytes = try CanonicalJSON.encode(configuration)
        let configDigest = try store.writeBlob(configBytes, for: reference.name)
        let manifest = OCIManifest(
            config: OCIDescriptor(mediaType: OCIMediaType.config, digest: configDigest, size: configBytes.count),
            layers: descriptors
        )
        let manifestBytes = try CanonicalJSON.encode(manifest)
        let manifestDigest = try store.writeBlob(manifestBytes, for: reference.name)
        try store.tag(
            OCIDescriptor(mediaType: OCIMediaType.manifest, digest: manifestDigest, size: manifestBytes.count),
            as: reference
        )
    }

    var unpackDirectory: URL { scratch.appendingPathComponent("unpack") }
    var rootFilesystem: URL { unpackDirectory.appendingPathComponent("rootfs") }

    @discardableResult
    func unpack(limits: LayerLimits = .standard) throws -> UnpackedImage {
        try store.unpackRootFilesystem(reference, into: unpackDirectory, limits: limits)
    }

    /// The blob file of layer `index`, for tests that alter a layout after it was written.
    func layerFile(_ index: Int) throws -> URL {
        let (_, manifest) = try store.manifest(for: reference)
        return store.blobFile(manifest.layers[index].digest, for: reference.name)
    }

    /// Permission bits of a path inside the unpacked root, not following a final symlink.
    func mode(of path: String) -> UInt32? {
        var status = stat()
        guard lstat(rootFilesystem.appendingPathComponent(path).path, &status) == 0 else { return nil }
        return UInt32(status.st_mode) & 0o7777
    }

    func exists(_ path: String) -> Bool {
        var status = stat()
        return lstat(rootFilesystem.appendingPathComponent(path).path, &status) == 0
    }
}
