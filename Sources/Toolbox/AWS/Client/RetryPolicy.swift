
/// AWS's "standard" retry mode: a few attempts, exponential backoff with full jitter, retrying only
/// throttling, transient server errors and connection failures.
///
/// Randomness and sleep are injected so tests run without waiting and without chance.
public struct RetryPolicy: Sendable {
    public var maxAttempts: Int
    /// The first backoff's upper bound; each later one doubles, up to `maxBackoff`.
    public var baseDelay: Duration
    public var maxBackoff: Duration
    /// A number in [0, 1) for jitter.
    public var random: @Sendable () -> Double
    public var sleep: @Sendable (Duration) async throws -> Void
    /// The budget retries draw from; share one per client (the default is a fresh one per policy).
    public var quota: RetryQuota

    public init(
        maxAttempts: Int = 3, baseDelay: Duration = .seconds(1), maxBackoff: Duration = .seconds(20),
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) },
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) },
        quota: RetryQuota = RetryQuota()
    ) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxBackoff = maxBackoff
        self.random = random
        self.sleep = sleep
        self.quota = quota
    }

    /// AWS's codes for "slow down" (across services and protocols).
    public static let throttlingCodes: Set<String> = [
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
        "TooManyRequestsException", "ProvisionedThroughputExceededException", "TransactionInProgressException",
        "RequestLimitExceeded", "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled", "SlowDown",
        "PriorRequestNotComplete", "EC2ThrottledException",
    ]
    /// Codes that mean "the server had a moment" rather than "your request is wrong".
    public static let transientCodes: Set<String> = [
        "RequestTimeout", "RequestTimeoutException", "InternalError", "InternalFailure", "ServiceUnavailable",
        "TransportFailure",
    ]
    /// 429 is "too many requests" whatever code the body gives.
    public static let transientStatuses: Set<Int> = [429, 500, 502, 503, 504]

    /// Whether an error answer is worth another attempt.
    public func isRetryable(_ error: AWSError) -> Bool {
        Self.throttlingCodes.contains(error.code) || Self.transientCodes.contains(error.code)
            || Self.transientStatuses.contains(error.status)
    }

    /// The wait before attempt `attempt + 1` (attempt counts from 1): random in [0, base·2^(attempt-1)), capped.
    public func backoff(afterAttempt attempt: Int) -> Duration {
        let ceiling = baseDelay * (1 << min(attempt - 1, 20))
        return min(ceiling, maxBackoff) * random()
    }
}
