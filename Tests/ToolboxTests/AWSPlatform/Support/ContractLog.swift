import Foundation
import Testing

/// The emulator's contract log (scripts/emulator/contract): one JSON line per AWS request it
/// checked against botocore's model for the operation and the table of documented rules.
struct ContractLog {
    struct Entry: Decodable {
        var service: String
        var operation: String
        var rules: [String]?
        var client: String?
        var violations: [[String]]
    }

    let url = FileManager.default.temporaryDirectory.appendingPathComponent("aws-contract-\(UUID().uuidString).jsonl")

    var entries: [Entry] {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { try? JSONDecoder().decode(Entry.self, from: Data($0.utf8)) }
    }

    /// Fails the running test for every request AWS would have refused beyond `refusals` (each
    /// "service Operation", in order: a test that sends a bad request on purpose names it), and
    /// says what was checked.
    func expectViolations(exactly refusals: [String], _ test: String = "") {
        let entries = self.entries
        let refused = entries.filter { !$0.violations.isEmpty }
        if refused.map({ "\($0.service) \($0.operation)" }) != refusals {
            for entry in refused {
                let problems = entry.violations.map { $0.joined(separator: ": ") }.joined(separator: "; ")
                Issue.record("AWS would refuse \(entry.service) \(entry.operation): \(problems)")
            }
            if refused.isEmpty { Issue.record("expected AWS to refuse \(refusals), it refused nothing") }
        }
        let rules = Set(entries.flatMap { $0.rules ?? [] })
        let operations = Set(entries.map { "\($0.service).\($0.operation)" })
        print(
            "contract\(test.isEmpty ? "" : " (\(test))"): \(entries.count) requests checked (\(entries.filter { $0.client == "echo-toolbox" }.count) from the toolbox), \(operations.count) operations, \(rules.count) rules applied, \(entries.filter { !$0.violations.isEmpty }.count) violations"
        )
        try? FileManager.default.removeItem(at: url)
    }
}
