
/// Whether an image built from uncommitted work may be deployed: on AWS only when the user
/// says so (ALLOW_DIRTY=1); locally always, since rehearsing uncommitted work is the point.
public enum DirtyImagePolicy {
    /// True when the tag marks a build from a working tree that differed from its commit.
    public static func isDirty(_ reference: ImageReference) -> Bool { reference.tag.hasSuffix("-dirty") }

    /// Nil for a clean image; a one-line notice when a dirty image is accepted;
    /// throws (the caller exits 2, refused) for a dirty image on a remote target without consent.
    public static func check(_ reference: ImageReference, remoteTarget: Bool, allowDirty: Bool) throws -> String? {
        guard isDirty(reference) else { return nil }
        if remoteTarget && !allowDirty {
            throw ImageError(
                "refusing to deploy \(reference): built from uncommitted work (commit it, or set ALLOW_DIRTY=1)"
            )
        }
        return "deploying \(reference), built from uncommitted work"
            + (remoteTarget ? " (ALLOW_DIRTY=1)" : " (fine locally: that is what rehearsals are for)")
    }
}
