import NIOCore

/// The `grpc-timeout` request header (gRPC over HTTP/2): the time the server is given, as at most
/// eight digits and a unit. Sent by hand: the deadline is the client's own timer.
package enum GRPCTimeoutHeader {
    package static let name = "grpc-timeout"

    private static let units: [(unit: String, nanoseconds: Int64)] = [
        ("n", 1), ("u", 1_000), ("m", 1_000_000), ("S", 1_000_000_000), ("M", 60_000_000_000), ("H", 3_600_000_000_000),
    ]

    /// The finest unit that fits, rounded up: the server never gives up before the client.
    package static func value(for timeout: TimeAmount) -> String {
        let nanoseconds = max(timeout.nanoseconds, 1)
        for (unit, size) in units {
            let count = nanoseconds / size + (nanoseconds % size == 0 ? 0 : 1)
            if count < 100_000_000 { return "\(count)\(unit)" }
        }
        return "99999999H"
    }
}
