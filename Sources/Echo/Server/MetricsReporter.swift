import EchoService
import ServiceLifecycle
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes each interval's calls as one EMF line on standard output, where the awslogs driver
/// picks it up for CloudWatch Logs. The group shuts it down after the server, so the line it
/// writes then holds the calls drained.
struct MetricsReporter: Service {
    let outcomes: CallOutcomes
    let settings: MetricsSettings

    func run() async {
        let clock = ContinuousClock()
        let interval = Duration.milliseconds(Int64(settings.intervalSeconds * 1000))
        var next = clock.now + interval
        while true {
            // Nil when shutdown (or cancellation) cut the interval short: its line is the last.
            let deadline = next
            let fullInterval: Void? = try? await cancelWhenGracefulShutdown {
                try await Task.sleep(until: deadline, clock: clock)
            }
            EchoLog.plain(settings.line.render(counts: outcomes.take(), timestampMilliseconds: Self.nowMilliseconds()))
            guard fullInterval != nil else { return }
            next += interval
        }
    }

    static func nowMilliseconds() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Int64(now.tv_sec) * 1000 + Int64(now.tv_nsec) / 1_000_000
    }
}
