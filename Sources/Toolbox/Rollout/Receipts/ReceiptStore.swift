import Foundation
import ToolboxCore

/// The receipts folder, `.toolbox/receipts/<time>-<revision>.json`, newest last by name.
public struct ReceiptStore: Sendable {
    public let directory: URL

    public init(stateDirectory: URL) {
        directory = stateDirectory.appendingPathComponent("receipts", isDirectory: true)
    }

    /// The file a receipt goes to, named by its start time (UTC, sortable) and revision.
    public func file(for receipt: RolloutReceipt) -> URL {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss.SSS'Z'"
        return directory.appendingPathComponent("\(formatter.string(from: receipt.startedAt))-\(receipt.revision).json")
    }

    public func write(_ receipt: RolloutReceipt) throws(ToolboxError) {
        let target = file(for: receipt)
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try JSONEncoder.toolbox.encode(receipt).write(to: target, options: .atomic)
        } catch {
            throw ToolboxError("cannot write the receipt \(target.path): \(error.localizedDescription)")
        }
    }

    /// Every receipt file, oldest first; unreadable files are skipped by `load`.
    public func files() -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".json") }.sorted().map { directory.appendingPathComponent($0) }
    }

    public func load(_ file: URL) -> RolloutReceipt? {
        guard let data = FileManager.default.contents(atPath: file.path) else { return nil }
        return try? JSONDecoder.toolbox.decode(RolloutReceipt.self, from: data)
    }

    public func last() -> (file: URL, receipt: RolloutReceipt)? {
        for file in files().reversed() {
            if let receipt = load(file) { return (file, receipt) }
        }
        return nil
    }
}
