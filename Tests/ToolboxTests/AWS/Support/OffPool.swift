import Foundation

/// Runs blocking test work (child processes, big buffers) on a thread of its own, so it never holds
/// one of the few cooperative threads that every other test running in parallel needs.
func offCooperativePool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try work() }) }.start()
    }
}
