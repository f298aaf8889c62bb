import Foundation

/// What goes into an image for one executable: the binary, how it runs, what else it needs.
public struct ImageRecipe: Sendable, Equatable {
    /// The image (and repository) name, e.g. "echo-server".
    public var name: String
    /// The built executable to ship; its shared-library closure comes with it.
    public var executable: URL
    /// Arguments after the executable in the entrypoint.
    public var arguments: [String]
    public var exposedPorts: [Int]
    /// KEY=VALUE pairs set when the image runs.
    public var environment: [String]
    /// Ships the host's CA bundle for executables that make TLS calls.
    public var includesCACertificates: Bool
    /// Where the bundle is read from on this machine.
    public var caCertificatesFile: URL
    /// org.opencontainers.image.source, e.g. the repository's URL.
    public var source: String?
    /// Ships the executable without its symbol tables (`strip`), often half its size.
    public var stripsExecutable: Bool

    public init(
        name: String,
        executable: URL,
        arguments: [String] = [],
        exposedPorts: [Int] = [],
        environment: [String] = [],
        includesCACertificates: Bool = false,
        caCertificatesFile: URL = URL(fileURLWithPath: "/etc/ssl/certs/ca-certificates.crt"),
        source: String? = nil,
        stripsExecutable: Bool = false
    ) {
        self.name = name
        self.executable = executable
        self.arguments = arguments
        self.exposedPorts = exposedPorts
        self.environment = environment
        self.includesCACertificates = includesCACertificates
        self.caCertificatesFile = caCertificatesFile
        self.source = source
        self.stripsExecutable = stripsExecutable
    }

    /// Where the executable lives inside the image.
    public var executablePathInImage: String { "/usr/local/bin/\(name)" }
}

/// Where an image came from: the commit (or dirty tree on top of it) and the version.
public struct ImageProvenance: Sendable, Equatable {
    /// Full id of HEAD when built.
    public var revision: String
    /// The abbreviated id used in tags.
    public var shortRevision: String
    /// The tree built: HEAD's tree when clean, the working tree's when dirty.
    public var tree: String
    public var isDirty: Bool
    public var version: String
    /// The commit's time: the image's "created", so rebuilding later changes nothing.
    public var created: Date

    public init(revision: String, shortRevision: String, tree: String, isDirty: Bool, version: String, created: Date) {
        self.revision = revision
        self.shortRevision = shortRevision
        self.tree = tree
        self.isDirty = isDirty
        self.version = version
        self.created = created
    }

    /// `<version>-<short commit>`, plus `-dirty` when the working tree differed from HEAD.
    public var tag: String { ImageTag.make(version: version, shortRevision: shortRevision, isDirty: isDirty) }
}

/// The tag grammar shared by builds and the post-commit hook.
public enum ImageTag {
    public static func make(version: String, shortRevision: String, isDirty: Bool) -> String {
        "\(version)-\(shortRevision)" + (isDirty ? "-dirty" : "")
    }
}
