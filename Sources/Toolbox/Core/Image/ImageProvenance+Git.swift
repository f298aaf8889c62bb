import Foundation

extension ImageProvenance {
    /// The provenance of a build from `repository`'s working tree now: HEAD, its time,
    /// and the tree actually built (the working tree's when it differs from HEAD).
    public static func current(in repository: GitRepository, version: String) throws -> ImageProvenance {
        let head = try repository.headCommit()
        let isDirty = try repository.isDirty()
        return ImageProvenance(
            revision: head.id.hex,
            shortRevision: try repository.shortID(of: head.id),
            tree: isDirty ? try repository.workingTreeID().hex : head.treeID.hex,
            isDirty: isDirty,
            version: version,
            created: head.time
        )
    }
}
