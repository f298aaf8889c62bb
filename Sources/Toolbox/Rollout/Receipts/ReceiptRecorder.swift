import Foundation
import Synchronization
import ToolboxCore

/// Builds one command's receipt as it goes, writing it after every step so that a crash keeps
/// what happened until then.
final class ReceiptRecorder: Sendable {
    private let receipt: Mutex<RolloutReceipt>
    let store: ReceiptStore

    init(command: String, revision: String, previous: String?, store: ReceiptStore) {
        receipt = Mutex(RolloutReceipt(command: command, revision: revision, previous: previous, startedAt: Date()))
        self.store = store
    }

    var current: RolloutReceipt { receipt.withLock { $0 } }

    func record(_ step: RolloutReceipt.Step) throws(ToolboxError) {
        try store.write(receipt.withLock { receipt in
            receipt.steps.append(step)
            return receipt
        })
    }

    /// Closes the receipt with its outcome and writes it for the last time.
    @discardableResult
    func finish(_ outcome: RolloutReceipt.Outcome, reason: String? = nil) throws(ToolboxError) -> RolloutReceipt {
        let finished = receipt.withLock { receipt in
            receipt.outcome = outcome
            receipt.reason = reason
            receipt.finishedAt = Date()
            return receipt
        }
        try store.write(finished)
        return finished
    }
}
