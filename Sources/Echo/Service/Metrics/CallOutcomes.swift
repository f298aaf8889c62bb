import Synchronization

/// Calls answered since the last `take()`, by gRPC status code. Recording is one relaxed atomic
/// add, so counting costs the serving path next to nothing; each call lands in exactly one take.
public final class CallOutcomes: Sendable {
    /// gRPC's status code names, indexed by code (0 OK ... 16 UNAUTHENTICATED).
    public static let codeNames = [
        "OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED", "NOT_FOUND", "ALREADY_EXISTS",
        "PERMISSION_DENIED", "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION", "ABORTED", "OUT_OF_RANGE",
        "UNIMPLEMENTED", "INTERNAL", "UNAVAILABLE", "DATA_LOSS", "UNAUTHENTICATED",
    ]
    static let unknown = 2

    /// A counter per code; Atomic cannot sit in an array itself.
    private final class Counter: Sendable {
        let value = Atomic<Int>(0)
    }

    private let counters: [Counter]

    public init() {
        counters = Self.codeNames.map { _ in Counter() }
    }

    public func record(code: Int) {
        let index = counters.indices.contains(code) ? code : Self.unknown
        counters[index].value.add(1, ordering: .relaxed)
    }

    /// The counts by code since the last take, set back to zero.
    public func take() -> [Int] {
        counters.map { $0.value.exchange(0, ordering: .relaxed) }
    }
}
