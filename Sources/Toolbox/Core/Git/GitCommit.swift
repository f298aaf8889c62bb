import CLibgit2
import Foundation

/// One commit: its id, time, tree and parents, and files read from its tree.
public final class GitCommit {
    let handle: OpaquePointer
    // Keeps the repository open while the commit is in use.
    let repository: GitRepository

    init(handle: OpaquePointer, repository: GitRepository) {
        self.handle = handle
        self.repository = repository
    }

    deinit { git_commit_free(handle) }

    public var id: GitObjectID { GitObjectID(git_commit_id(handle).pointee) }

    /// The id of the commit's root tree: equal trees mean byte-identical checkouts.
    public var treeID: GitObjectID { GitObjectID(git_commit_tree_id(handle).pointee) }

    /// The committer time, the reproducible "created" time of what is built from this commit.
    public var time: Date { Date(timeIntervalSince1970: TimeInterval(git_commit_time(handle))) }

    /// The first parent, nil for a root commit.
    public func firstParent() throws -> GitCommit? {
        guard git_commit_parentcount(handle) > 0 else { return nil }
        return try repository.commit(GitObjectID(git_commit_parent_id(handle, 0).pointee))
    }

    /// The contents of the file at `path` (relative to the repository root) in this commit, nil when absent.
    public func fileContents(atPath path: String) throws -> [UInt8]? {
        var tree: OpaquePointer?
        try gitCheck("read tree of \(id)") { git_commit_tree(&tree, handle) }
        defer { git_tree_free(tree) }
        var entry: OpaquePointer?
        let found = git_tree_entry_bypath(&entry, tree, path)
        if found == GIT_ENOTFOUND.rawValue { return nil }
        try gitCheck("find \(path) in \(id)") { found }
        defer { git_tree_entry_free(entry) }
        var blob: OpaquePointer?
        try gitCheck("read \(path) in \(id)") { git_blob_lookup(&blob, repository.handle, git_tree_entry_id(entry)) }
        defer { git_blob_free(blob) }
        let size = Int(git_blob_rawsize(blob))
        guard size > 0, let bytes = git_blob_rawcontent(blob) else { return [] }
        return Array(UnsafeRawBufferPointer(start: bytes, count: size))
    }
}
