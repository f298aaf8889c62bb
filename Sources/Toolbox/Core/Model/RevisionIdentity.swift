import Foundation

/// What a build of the working tree is: a version (a service's version constant, or VERSION),
/// the commit, whether the working tree differed from it, and the tree actually built. The
/// images label themselves with it and the platforms name revisions by its tag; both read it
/// here, from the source and libgit2, and nowhere else.
public struct RevisionIdentity: Sendable, Equatable {
    public var version: String
    /// Full id of HEAD.
    public var commit: String
    /// The abbreviated id used in tags.
    public var shortCommit: String
    /// The tree built: HEAD's tree when clean, the working tree's when dirty.
    public var tree: String
    public var isDirty: Bool
    /// The commit's time: an image's "created", so rebuilding later changes nothing.
    public var created: Date

    public init(commit: String, shortCommit: String, tree: String, isDirty: Bool, version: String, created: Date) {
        (self.commit, self.shortCommit, self.tree) = (commit, shortCommit, tree)
        (self.isDirty, self.version, self.created) = (isDirty, version, created)
    }

    /// `<version>-<short commit>`, plus `-dirty` when the working tree differed from HEAD.
    public var tag: String { Self.tag(version: version, shortCommit: shortCommit, isDirty: isDirty) }

    /// The tag grammar shared by builds, revisions and the post-commit hook.
    public static func tag(version: String, shortCommit: String, isDirty: Bool) -> String {
        "\(version)-\(shortCommit)" + (isDirty ? "-dirty" : "")
    }

    /// The working tree at `projectDirectory` as it is now, named `version`.
    public static func workingTree(at projectDirectory: URL, version: String) throws(ToolboxError) -> RevisionIdentity {
        do {
            let repository = try GitRepository(discoveringFrom: projectDirectory)
            let head = try repository.headCommit()
            let isDirty = try repository.isDirty()
            return RevisionIdentity(
                commit: head.id.hex,
                shortCommit: try repository.shortID(of: head.id),
                tree: isDirty ? try repository.workingTreeID().hex : head.treeID.hex,
                isDirty: isDirty,
                version: version,
                created: head.time
            )
        } catch {
            throw .refused("cannot read the git commit of \(projectDirectory.path) (\(error)); the toolbox tags revisions by commit, so run it inside a git repository with at least one commit")
        }
    }

    /// A new revision of `spec` built now: VERSION, when given, overrides its version constant.
    public static func current(_ spec: ServiceSpec, settings: ToolboxSettings) throws(ToolboxError) -> RevisionIdentity {
        if spec.versionEnvironmentKey != nil, let override = settings.versionOverride {
            return try workingTree(at: settings.projectDirectory, version: override)
        }
        return try workingTree(at: settings.projectDirectory, version: version(of: spec, in: settings.projectDirectory))
    }

    /// What `make image` names the working tree's images: the routed service's version constant
    /// and the commit, whatever a revision is called (the client's own version, or VERSION).
    public static func images(at projectDirectory: URL) throws(ToolboxError) -> RevisionIdentity {
        try workingTree(at: projectDirectory, version: version(of: .echoServer, in: projectDirectory))
    }

    /// The version constant's value in `spec.versionFile`, such as "0.9".
    public static func version(of spec: ServiceSpec, in projectDirectory: URL) throws(ToolboxError) -> String {
        guard let file = spec.versionFile, let constant = spec.versionConstant else {
            throw ToolboxError("\(spec.name) names no version constant")
        }
        let url = projectDirectory.appendingPathComponent(file)
        guard let source = try? String(contentsOf: url, encoding: .utf8) else {
            throw .refused("cannot read \(url.path) for the version of \(spec.name); set VERSION to name it")
        }
        guard let value = VersionConstant.parse(source, constant: constant) else {
            throw .refused("no \(constant) = \"...\" in \(file); set VERSION to name the version")
        }
        try NameRules.version(value, source: "the version constant \(constant) in \(file)")
        return value
    }
}
