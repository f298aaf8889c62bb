
/// Caps on what one layer may unpack to, so a hostile or broken layer (a gzip bomb, a member
/// claiming gigabytes) fails with a clear error instead of exhausting memory or disk.
public struct LayerLimits: Sendable, Equatable {
    /// The largest regular file a layer may carry.
    public var maximumMemberBytes: Int
    /// The largest uncompressed layer (the whole tar stream).
    public var maximumLayerBytes: Int

    public init(maximumMemberBytes: Int, maximumLayerBytes: Int) {
        (self.maximumMemberBytes, self.maximumLayerBytes) = (maximumMemberBytes, maximumLayerBytes)
    }

    /// The toolbox's own images are under 40 MB; these leave room for any sane service image.
    public static let standard = LayerLimits(maximumMemberBytes: 512 << 20, maximumLayerBytes: 1 << 30)
}
