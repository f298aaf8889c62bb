import Foundation
import ToolboxCore

extension Rollout {
    func beginReceipt(_ command: String, revision: String, previous: String?) -> ReceiptRecorder {
        ReceiptRecorder(command: command, revision: revision, previous: previous, store: receipts)
    }

    /// Closes a receipt and prints it. A one-move command (shift, promote, rollback, abort,
    /// retire) first records its move as a step: the weight it set and how long it took.
    func finishReceipt(
        _ receipt: ReceiptRecorder, _ outcome: RolloutReceipt.Outcome, reason: String? = nil,
        since began: ContinuousClock.Instant? = nil, weight: Int? = nil
    ) throws {
        if let began, let weight {
            try receipt.record(
                RolloutReceipt.Step(
                    requestedWeight: weight, startedAt: receipt.current.startedAt, seconds: (ContinuousClock.now - began).seconds))
        }
        let finished = try receipt.finish(outcome, reason: reason)
        for line in ReceiptTable(receipt: finished, file: receipts.file(for: finished)).lines() { Console.say(line) }
    }

    /// Ends a receipt for a command that failed, without hiding the failure behind a receipt error.
    func failReceipt(_ receipt: ReceiptRecorder, _ outcome: RolloutReceipt.Outcome, reason: String) {
        do {
            try finishReceipt(receipt, outcome, reason: reason)
        } catch {
            Console.say("\(error)")
        }
    }
}
