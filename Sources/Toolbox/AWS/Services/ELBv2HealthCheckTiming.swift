
extension ELBv2 {
    /// Health check timing ELB accepts for every protocol the routers use (HTTP, and HTTP with
    /// the GRPC protocol version). ELB's rules (API reference, CreateTargetGroup): interval
    /// 5-300 s, timeout 2-120 s and shorter than the interval, thresholds 2-10. The timeout is
    /// always sent: left out, it defaults to 6 s for HTTP (10 s for HTTPS), longer than a 5 s
    /// interval, and ELB refuses the group ("Health check interval must be greater than the timeout").
    public struct HealthCheckTiming: Sendable, Equatable {
        public var intervalSeconds: Int
        public var timeoutSeconds: Int
        public var healthyThreshold: Int
        public var unhealthyThreshold: Int

        /// Quick enough for a rollout's health wait: healthy after two passing checks 5 s apart.
        public static let rollout = HealthCheckTiming(
            intervalSeconds: 5, timeoutSeconds: 4, healthyThreshold: 2, unhealthyThreshold: 2)

        public init(intervalSeconds: Int, timeoutSeconds: Int, healthyThreshold: Int, unhealthyThreshold: Int) {
            precondition(
                (5...300).contains(intervalSeconds) && (2...120).contains(timeoutSeconds)
                    && timeoutSeconds < intervalSeconds && (2...10).contains(healthyThreshold)
                    && (2...10).contains(unhealthyThreshold),
                "health check timing outside ELB's rules")
            self.intervalSeconds = intervalSeconds
            self.timeoutSeconds = timeoutSeconds
            self.healthyThreshold = healthyThreshold
            self.unhealthyThreshold = unhealthyThreshold
        }
    }
}
