
/// The OCI media types the toolbox writes.
public enum OCIMediaType {
    public static let manifest = "application/vnd.oci.image.manifest.v1+json"
    public static let index = "application/vnd.oci.image.index.v1+json"
    public static let config = "application/vnd.oci.image.config.v1+json"
    public static let gzipLayer = "application/vnd.oci.image.layer.v1.tar+gzip"
}

/// The OCI annotation (and label) keys that tie an image to its source.
public enum OCIAnnotation {
    public static let revision = "org.opencontainers.image.revision"
    public static let version = "org.opencontainers.image.version"
    public static let source = "org.opencontainers.image.source"
    public static let created = "org.opencontainers.image.created"
    public static let title = "org.opencontainers.image.title"
    /// The tag name in an OCI image layout's index.json.
    public static let referenceName = "org.opencontainers.image.ref.name"
    /// Ours: the git tree the image was built from, so a later commit of that tree can reuse it.
    public static let tree = "dev.echo-toolbox.git.tree"
}

/// A pointer to a blob: its media type, digest and size.
public struct OCIDescriptor: Codable, Sendable, Equatable {
    public var mediaType: String
    public var digest: ContentDigest
    public var size: Int
    public var annotations: [String: String]?

    public init(mediaType: String, digest: ContentDigest, size: Int, annotations: [String: String]? = nil) {
        self.mediaType = mediaType
        self.digest = digest
        self.size = size
        self.annotations = annotations
    }
}

/// An image manifest: one config and the layers, bottom first.
public struct OCIManifest: Codable, Sendable, Equatable {
    public var schemaVersion = 2
    public var mediaType: String? = OCIMediaType.manifest
    public var config: OCIDescriptor
    public var layers: [OCIDescriptor]
    public var annotations: [String: String]?
}

/// index.json of an OCI image layout: the manifests, each tagged by a ref.name annotation.
public struct OCIIndex: Codable, Sendable, Equatable {
    public var schemaVersion = 2
    public var mediaType: String? = OCIMediaType.index
    public var manifests: [OCIDescriptor] = []
}

/// The image configuration: how to run the image and which uncompressed layers make it.
public struct OCIImageConfiguration: Codable, Sendable, Equatable {
    public struct RunSettings: Codable, Sendable, Equatable {
        public var User: String?
        public var ExposedPorts: [String: EmptyObject]?
        public var Env: [String]?
        public var Entrypoint: [String]?
        public var Cmd: [String]?
        public var WorkingDir: String?
        public var Labels: [String: String]?
    }

    public struct RootFilesystem: Codable, Sendable, Equatable {
        public var type = "layers"
        public var diff_ids: [ContentDigest]
    }

    public struct HistoryEntry: Codable, Sendable, Equatable {
        public var created: String
        public var created_by: String
    }

    /// Encodes as `{}` (the value type of ExposedPorts).
    public struct EmptyObject: Codable, Sendable, Equatable {
        public init() {}
    }

    public var created: String
    public var architecture: String
    public var os = "linux"
    public var config: RunSettings
    public var rootfs: RootFilesystem
    public var history: [HistoryEntry]
}
