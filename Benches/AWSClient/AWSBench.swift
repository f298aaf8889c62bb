/// The work `make bench-aws` measures: sequential ECS DescribeClusters calls from one process.
///
/// Bench-only code, outside the package's targets: scripts/aws-bench.sh compiles it with the
/// AWS client's sources and AWSBenchDriver.swift.
public enum AWSBench {
    public struct Report: Sendable {
        /// Wall time of each call, in order; the first one pays for the connection.
        public var callDurations: [Duration]

        /// Median of the calls after the first, in milliseconds.
        public var warmMedianMilliseconds: Double {
            let warm = callDurations.dropFirst().map(\.milliseconds).sorted()
            guard !warm.isEmpty else { return callDurations.first?.milliseconds ?? 0 }
            return warm[warm.count / 2]
        }

        /// One line of JSON, for the bench script to read.
        public var json: String {
            let calls = callDurations.map { String(format3($0.milliseconds)) }.joined(separator: ",")
            return "{\"calls_ms\":[\(calls)],\"warm_median_ms\":\(format3(warmMedianMilliseconds))}"
        }
    }

    /// Makes `calls` DescribeClusters calls for `cluster` with `client`, one after another.
    public static func run(client: AWSClient, cluster: String, calls: Int) async throws -> Report {
        let ecs = ECS(client: client)
        let clock = ContinuousClock()
        var durations: [Duration] = []
        for _ in 0..<max(1, calls) {
            let started = clock.now
            _ = try await ecs.describeClusters(.init(clusters: [cluster]))
            durations.append(clock.now - started)
        }
        return Report(callDurations: durations)
    }
}

extension Duration {
    fileprivate var milliseconds: Double {
        Double(components.seconds) * 1000 + Double(components.attoseconds) / 1e15
    }
}

/// Three decimals without Foundation's formatters (the bench driver stays light to start).
private func format3(_ value: Double) -> String {
    let thousandths = Int((value * 1000).rounded())
    let fraction = String(thousandths % 1000)
    return "\(thousandths / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
}
