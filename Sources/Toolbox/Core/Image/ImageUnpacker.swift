import Foundation

/// An image's root filesystem on disk and how to run its entrypoint.
public struct UnpackedImage: Sendable, Equatable {
    public var reference: ImageReference
    public var manifestDigest: ContentDigest
    public var rootFilesystem: URL
    /// Paths inside the image, e.g. ["/usr/local/bin/echo-server"].
    public var entrypoint: [String]
    public var environment: [String]
    public var exposedPorts: [Int]

    /// A command that runs the entrypoint on this machine from the image's own files, without
    /// chroot or privileges: the image's loader, told to take libraries from the image first.
    public func hostCommand(arguments: [String] = []) throws -> [String] {
        guard let executable = entrypoint.first else { throw ImageError("\(reference) has no entrypoint") }
        let root = rootFilesystem.path
        let loaders = ["/lib64/ld-linux-x86-64.so.2", "/lib/ld-linux-aarch64.so.1"]
        guard let loader = loaders.first(where: { FileManager.default.fileExists(atPath: root + $0) }) else {
            // A static executable needs no loader.
            return [root + executable] + entrypoint.dropFirst() + arguments
        }
        return [root + loader, "--library-path", try libraryDirectories().joined(separator: ":"), root + executable]
            + entrypoint.dropFirst() + arguments
    }

    /// Every directory of the image holding a shared library, sorted.
    func libraryDirectories() throws -> [String] {
        var directories: Set<String> = []
        let enumerator = FileManager.default.enumerator(atPath: rootFilesystem.path)
        while let path = enumerator?.nextObject() as? String {
            if path.hasSuffix(".so") || path.contains(".so.") {
                directories.insert(rootFilesystem.appendingPathComponent(path).deletingLastPathComponent().path)
            }
        }
        return directories.sorted()
    }
}

extension ImageStore {
    /// Unpacks `reference`'s layers into `directory`/rootfs (reusing it when it already holds this
    /// manifest) so a local task runs the very files that ship.
    public func unpackRootFilesystem(
        _ reference: ImageReference,
        into directory: URL,
        limits: LayerLimits = .standard
    ) throws -> UnpackedImage {
        let (descriptor, manifest) = try manifest(for: reference)
        let configuration = try configuration(of: manifest, for: reference.name)
        let rootFilesystem = directory.appendingPathComponent("rootfs", isDirectory: true)
        let marker = directory.appendingPathComponent("manifest-digest")
        let unpackedDigest = FileManager.default.contents(atPath: marker.path).map {
            String(decoding: $0, as: UTF8.self)
        }
        if unpackedDigest != descriptor.digest.value {
            try? FileManager.default.removeItem(at: rootFilesystem)
            try? FileManager.default.removeItem(at: marker)
            try FileManager.default.createDirectory(at: rootFilesystem, withIntermediateDirectories: true)
            let diffIDs = configuration.rootfs.diff_ids
            guard diffIDs.count == manifest.layers.count else {
                throw ImageError("\(reference) lists \(manifest.layers.count) layers but \(diffIDs.count) diff_ids")
            }
            for (layer, diffID) in zip(manifest.layers, diffIDs) {
                let archive = try Gzip.decompress(readBlob(layer.digest, for: reference.name), limit: limits.maximumLayerBytes)
                guard ContentDigest(of: archive) == diffID else {
                    throw ImageError("layer \(layer.digest.short) of \(reference) does not match its diff_id \(diffID.short)")
                }
                try LayerExtractor(root: rootFilesystem).apply(TarReader.members(of: archive, limits: limits))
            }
            try Data(descriptor.digest.value.utf8).write(to: marker)
        }
        let settings = configuration.config
        return UnpackedImage(
            reference: reference,
            manifestDigest: descriptor.digest,
            rootFilesystem: rootFilesystem,
            entrypoint: (settings.Entrypoint ?? []) + (settings.Cmd ?? []),
            environment: settings.Env ?? [],
            exposedPorts: (settings.ExposedPorts ?? [:]).keys.compactMap { Int($0.split(separator: "/")[0]) }.sorted()
        )
    }
}
