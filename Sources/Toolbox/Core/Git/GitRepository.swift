import CLibgit2
import Foundation

/// An open git repository, read and written through libgit2 (never the git command).
///
/// Not shared between tasks: libgit2 objects belong to the thread that uses them.
public final class GitRepository {
    let handle: OpaquePointer
    /// The working tree's root (nil for a bare repository).
    public let workingDirectory: URL?

    /// Opens the repository containing `path`, searching upwards like git does.
    public init(discoveringFrom path: URL) throws {
        GitLibrary.initializeOnce()
        var repository: OpaquePointer?
        try gitCheck("open repository at \(path.path)") {
            git_repository_open_ext(&repository, path.path, 0, nil)
        }
        handle = repository!
        workingDirectory = git_repository_workdir(handle).map { URL(fileURLWithPath: String(cString: $0)) }
    }

    deinit { git_repository_free(handle) }

    /// The commit HEAD points at.
    public func headCommit() throws -> GitCommit {
        var oid = git_oid()
        try gitCheck("resolve HEAD") { git_reference_name_to_id(&oid, handle, "HEAD") }
        return try commit(GitObjectID(oid))
    }

    /// The commit with that id.
    public func commit(_ id: GitObjectID) throws -> GitCommit {
        var oid = id.oid
        var commit: OpaquePointer?
        try gitCheck("look up commit \(id)") { git_commit_lookup(&commit, handle, &oid) }
        return GitCommit(handle: commit!, repository: self)
    }

    /// The shortest unambiguous abbreviation of an object id (at least core.abbrev, 7 by default).
    public func shortID(of id: GitObjectID) throws -> String {
        var oid = id.oid
        var object: OpaquePointer?
        try gitCheck("look up object \(id)") { git_object_lookup(&object, handle, &oid, GIT_OBJECT_ANY) }
        defer { git_object_free(object) }
        var buffer = git_buf()
        defer { git_buf_dispose(&buffer) }
        try gitCheck("abbreviate \(id)") { git_object_short_id(&buffer, object) }
        return String(cString: buffer.ptr)
    }
}

/// libgit2 needs one global initialisation per process before any other call.
enum GitLibrary {
    private static let initialized: Bool = {
        git_libgit2_init()
        return true
    }()

    static func initializeOnce() { _ = initialized }
}
