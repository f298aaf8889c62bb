import Foundation

/// A receipt as the end of a command prints it: a heading with the outcome, then one row a step.
public struct ReceiptTable: Sendable {
    public let receipt: RolloutReceipt
    public let file: URL

    public init(receipt: RolloutReceipt, file: URL) {
        self.receipt = receipt
        self.file = file
    }

    public func lines() -> [String] {
        var lines = ["Receipt \(file.lastPathComponent): \(summary)"]
        guard !receipt.steps.isEmpty else { return lines }
        let new = receipt.revision
        let old = receipt.previous ?? "previous"
        lines.append(row("step", "weight", "share", "answered new/old", "failed new/old", "health", "start", "took"))
        for (index, step) in receipt.steps.enumerated() {
            let calls = step.calls
            lines.append(
                row(
                    "\(index + 1)", "\(step.requestedWeight)%",
                    step.observedShare.map { Self.percent($0) } ?? "-",
                    calls.map { "\($0[new]?.answered ?? 0)/\($0[old]?.answered ?? 0)" } ?? "no counts",
                    calls.map { "\($0[new]?.failed ?? 0)/\($0[old]?.failed ?? 0)" } ?? "-",
                    step.healthChanges.isEmpty ? "steady" : "\(step.healthChanges.count) change(s)",
                    Self.time(step.startedAt), String(format: "%.1f s", step.seconds)))
            if let warning = step.shareWarning { lines.append("      \(warning)") }
            for change in step.healthChanges { lines.append("      \(Self.time(change.time)) \(change.task): \(change.from) -> \(change.to)") }
        }
        return lines
    }

    /// One line: command, revisions, outcome, duration and reason.
    public var summary: String {
        let move = receipt.previous.map { "\($0) -> \(receipt.revision)" } ?? receipt.revision
        let outcome = receipt.outcome?.rawValue ?? "unfinished (the command stopped before its end)"
        let took = receipt.seconds.map { String(format: " in %.1f s", $0) } ?? ""
        return "\(receipt.command) \(move): \(outcome)\(took)" + (receipt.reason.map { " (\($0))" } ?? "")
    }

    private func row(_ columns: String...) -> String {
        let widths = [4, 7, 7, 18, 15, 12, 9, 8]
        return zip(columns, widths).map { $0.padding(toLength: max($1, $0.count), withPad: " ", startingAt: 0) }
            .joined(separator: " ").trimmingCharacters(in: .whitespaces)
    }

    static func percent(_ value: Double) -> String { String(format: "%.1f%%", value) }

    static func time(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "HH:mm:ss"
        return formatter.string(from: date)
    }
}
