import CLibgit2

extension GitRepository {
    /// True when the working tree or the index differs from HEAD, counting untracked files that
    /// are not ignored (a build from such a tree is not the commit's build).
    public func isDirty() throws -> Bool {
        var options = git_status_options()
        try gitCheck("initialise status options") {
            git_status_options_init(&options, UInt32(GIT_STATUS_OPTIONS_VERSION))
        }
        options.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR
        options.flags =
            GIT_STATUS_OPT_INCLUDE_UNTRACKED.rawValue | GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS.rawValue
            | GIT_STATUS_OPT_EXCLUDE_SUBMODULES.rawValue
        var list: OpaquePointer?
        try gitCheck("read status") { git_status_list_new(&list, handle, &options) }
        defer { git_status_list_free(list) }
        return git_status_list_entrycount(list) > 0
    }

    /// The id of the tree a commit of the whole working tree would have (`git add -A; git write-tree`),
    /// so an image built from uncommitted work is recognised once that work is committed.
    ///
    /// Writes blob and tree objects to the object database (as `git stash` would) but never the index file.
    public func workingTreeID() throws -> GitObjectID {
        var index: OpaquePointer?
        try gitCheck("open index") { git_repository_index(&index, handle) }
        defer {
            // Drops the in-memory additions: the on-disk index stays as the user left it.
            git_index_read(index, 1)
            git_index_free(index)
        }
        var everything = git_strarray()
        try gitCheck("stage working tree in memory") {
            git_index_add_all(index, &everything, GIT_INDEX_ADD_DEFAULT.rawValue, nil, nil)
        }
        try gitCheck("stage deletions in memory") { git_index_update_all(index, &everything, nil, nil) }
        var oid = git_oid()
        try gitCheck("write working tree") { git_index_write_tree(&oid, index) }
        return GitObjectID(oid)
    }
}
