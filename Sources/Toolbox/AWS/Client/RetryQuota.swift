import Synchronization

/// The standard mode's retry budget, shared by all calls of one client: each retry spends tokens and
/// each success refunds some, so when a service is down for everyone the client stops multiplying
/// the load by three and fails fast instead.
public final class RetryQuota: Sendable {
    public static let standardCapacity = 500
    /// Tokens a retry costs; a retry after a timeout costs more (it held a connection longest).
    static let retryCost = 5
    static let timeoutRetryCost = 10

    private let tokens: Mutex<Int>
    public let capacity: Int

    public init(capacity: Int = RetryQuota.standardCapacity) {
        self.capacity = capacity
        tokens = Mutex(capacity)
    }

    /// Takes the cost of one retry, or answers nil when the budget cannot pay for it.
    func acquireRetry(afterTimeout: Bool) -> Int? {
        let cost = afterTimeout ? Self.timeoutRetryCost : Self.retryCost
        return tokens.withLock { available in
            guard available >= cost else { return nil }
            available -= cost
            return cost
        }
    }

    /// A call succeeded: refund what its retries cost, or one token for a first-time success.
    func recordSuccess(spent: Int) {
        tokens.withLock { available in available = min(capacity, available + (spent > 0 ? spent : 1)) }
    }

    /// Tokens left, for tests and debugging.
    public var available: Int { tokens.withLock { $0 } }
}
