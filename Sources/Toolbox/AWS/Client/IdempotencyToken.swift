import Foundation

/// An input that carries an idempotency token (ECS `clientToken`, Cloud Map `CreatorRequestId`,
/// EC2 `ClientToken`, ...). The token is set once, before the first attempt, so a retried create
/// is recognised by AWS as the same request and never creates twice.
public protocol IdempotentInput {
    /// The member that carries the token, under the operation's own name for it.
    static var idempotencyToken: WritableKeyPath<Self, String?> { get }
}

extension IdempotentInput {
    /// The input with a fresh token when the caller gave none.
    func withIdempotencyToken() -> Self {
        var copy = self
        if copy[keyPath: Self.idempotencyToken] == nil { copy[keyPath: Self.idempotencyToken] = UUID().uuidString }
        return copy
    }
}
