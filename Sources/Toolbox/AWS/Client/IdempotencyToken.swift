import Foundation

/// An input that carries an idempotency token (ECS `clientToken`, Cloud Map `CreatorRequestId`,
/// EC2 `ClientToken`, ...). The token is set once, before the first attempt, so a retried create
/// is recognised by AWS as the same request and never creates twice.
public protocol IdempotentInput {
    var idempotencyToken: String? { get set }
}

extension IdempotentInput {
    /// The input with a fresh token when the caller gave none.
    func withIdempotencyToken() -> Self {
        var copy = self
        if copy.idempotencyToken == nil { copy.idempotencyToken = UUID().uuidString }
        return copy
    }
}
