import Foundation

/// Names a new revision from the working tree: the version constant from the service's
/// source, and the commit through libgit2. The tag is `<version>-<short commit>`, with
/// `-dirty` when the working tree differs from HEAD.
public enum RevisionIdentity {
    /// The version constant's value in `spec.versionFile`, such as "0.9".
    public static func version(of spec: ServiceSpec, in projectDirectory: URL) throws(ToolboxError) -> String {
        guard let file = spec.versionFile, let constant = spec.versionConstant else {
            throw ToolboxError("\(spec.name) names no version constant")
        }
        let url = projectDirectory.appendingPathComponent(file)
        guard let source = try? String(contentsOf: url, encoding: .utf8) else {
            throw ToolboxError.refused("cannot read \(url.path) for the version of \(spec.name); set VERSION to name it")
        }
        let pattern = "\(constant)\\s*=\\s*\"([^\"]+)\""
        guard let match = source.range(of: pattern, options: .regularExpression) else {
            throw ToolboxError.refused("no \(constant) = \"...\" in \(file); set VERSION to name the version")
        }
        let value = String(source[match].split(separator: "\"")[1])
        try NameRules.version(value, source: "the version constant \(constant) in \(file)")
        return value
    }

    /// The commit id and tag for a build of the working tree at `projectDirectory`.
    public static func tag(version: String, projectDirectory: URL) throws(ToolboxError) -> (commit: String, tag: String) {
        do {
            let repository = try GitRepository(discoveringFrom: projectDirectory)
            let head = try repository.headCommit()
            let short = try repository.shortID(of: head.id)
            let dirty = try repository.isDirty()
            return (head.id.hex, "\(version)-\(short)\(dirty ? "-dirty" : "")")
        } catch {
            throw ToolboxError.refused("cannot read the git commit of \(projectDirectory.path) (\(error)); the toolbox tags revisions by commit, so run it inside a git repository with at least one commit")
        }
    }

    /// The version and tag of the routed service as built now, VERSION overriding the source.
    public static func current(_ spec: ServiceSpec, settings: ToolboxSettings) throws(ToolboxError) -> (version: String, commit: String, tag: String) {
        let version: String
        if spec.versionEnvironmentKey != nil, let override = settings.values["VERSION"], !override.isEmpty {
            try NameRules.version(override, source: "VERSION")
            version = override
        } else {
            version = try Self.version(of: spec, in: settings.projectDirectory)
        }
        let (commit, tag) = try tag(version: version, projectDirectory: settings.projectDirectory)
        return (version, commit, tag)
    }
}
