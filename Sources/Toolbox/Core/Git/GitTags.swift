import CLibgit2

/// What happened when asked to create a tag.
public enum GitTagOutcome: Equatable, Sendable {
    case created
    /// The name was already taken; the existing tag was left where it points (never moved).
    case alreadyExists(pointingAt: GitObjectID)
}

extension GitRepository {
    /// The commit a tag points at (peeling annotated tags), nil when there is no such tag.
    public func commitTagged(_ name: String) throws -> GitObjectID? {
        var object: OpaquePointer?
        let found = git_revparse_single(&object, handle, "refs/tags/\(name)^{commit}")
        if found == GIT_ENOTFOUND.rawValue { return nil }
        try gitCheck("resolve tag \(name)") { found }
        defer { git_object_free(object) }
        return GitObjectID(git_object_id(object).pointee)
    }

    /// Creates an annotated tag on `commit`, signed by the repository's configured user
    /// (or "toolbox" when none is configured); an existing tag of that name is never moved.
    public func createAnnotatedTag(_ name: String, on commit: GitObjectID, message: String) throws -> GitTagOutcome {
        try createTag(name, on: commit) { oid, target in
            var signature: UnsafeMutablePointer<git_signature>?
            if git_signature_default(&signature, handle) < 0 {
                try gitCheck("make tagger signature") { git_signature_now(&signature, "toolbox", "toolbox@localhost") }
            }
            defer { git_signature_free(signature) }
            return git_tag_create(&oid, handle, name, target, signature, message, 0)
        }
    }

    /// Creates a lightweight tag (a plain reference) on `commit`, never moving an existing one.
    public func createLightweightTag(_ name: String, on commit: GitObjectID) throws -> GitTagOutcome {
        try createTag(name, on: commit) { oid, target in
            git_tag_create_lightweight(&oid, handle, name, target, 0)
        }
    }

    private func createTag(
        _ name: String,
        on commit: GitObjectID,
        create: (inout git_oid, OpaquePointer?) throws -> Int32
    ) throws -> GitTagOutcome {
        if let existing = try commitTagged(name) { return .alreadyExists(pointingAt: existing) }
        var commitOID = commit.oid
        var target: OpaquePointer?
        try gitCheck("look up \(commit)") { git_object_lookup(&target, handle, &commitOID, GIT_OBJECT_COMMIT) }
        defer { git_object_free(target) }
        var oid = git_oid()
        let code = try create(&oid, target)
        if code == GIT_EEXISTS.rawValue, let existing = try commitTagged(name) {
            return .alreadyExists(pointingAt: existing)
        }
        try gitCheck("create tag \(name)") { code }
        return .created
    }
}
