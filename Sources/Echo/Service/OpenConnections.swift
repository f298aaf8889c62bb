import Synchronization

/// Counts the connections a service is serving, shared by the event loops accepting them, so
/// connections over the limit are closed at once instead of exhausting file descriptors.
public final class OpenConnections: Sendable {
    private let count = Atomic<Int>(0)
    public let limit: Int

    public init(limit: Int) { self.limit = limit }

    /// True (and counted) when one more connection fits under the limit.
    public func admit() -> Bool {
        if count.add(1, ordering: .relaxed).newValue <= limit { return true }
        count.subtract(1, ordering: .relaxed)
        return false
    }

    public func release() { count.subtract(1, ordering: .relaxed) }
}
