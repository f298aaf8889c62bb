
/// Reads typed settings from the merged environment, each failure a one-line error naming its key.
struct SettingsReader {
    let values: [String: String]

    func string(_ key: String, default fallback: String) -> String {
        guard let value = values[key], !value.isEmpty else { return fallback }
        return value
    }

    func integer(_ key: String, default fallback: Int, in range: ClosedRange<Int>) throws(ToolboxError) -> Int {
        guard let text = values[key], !text.isEmpty else { return fallback }
        guard let value = Int(text), range.contains(value) else {
            throw .refused("\(key) must be a whole number from \(range.lowerBound) to \(range.upperBound), got '\(text)'")
        }
        return value
    }

    func seconds(_ key: String, default fallback: Double) throws(ToolboxError) -> Double {
        guard let text = values[key], !text.isEmpty else { return fallback }
        guard let value = Double(text), value >= 0, value <= 86_400 else {
            throw .refused("\(key) must be a number of seconds from 0 to 86400, got '\(text)'")
        }
        return value
    }

    /// A duration: seconds, or a number with s, m or h (`90`, `90s`, `5m`, `1h`), at most a day.
    func duration(_ key: String, default fallback: Double) throws(ToolboxError) -> Double {
        guard let text = values[key], !text.isEmpty else { return fallback }
        let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600]
        let unit = text.last.flatMap { units[$0] }
        guard let number = Double(unit == nil ? text : String(text.dropLast())), number >= 0, number * (unit ?? 1) <= 86_400 else {
            throw .refused("\(key) must be a duration up to a day, like 300, 90s, 5m or 1h, got '\(text)'")
        }
        return number * (unit ?? 1)
    }

    /// 1 or 0 (empty: the default, off).
    func flag(_ key: String) throws(ToolboxError) -> Bool {
        guard let text = values[key], !text.isEmpty else { return false }
        guard text == "0" || text == "1" else { throw .refused("\(key) must be 1 or 0, got '\(text)'") }
        return text == "1"
    }

    func percentage(_ key: String, default fallback: Double) throws(ToolboxError) -> Double {
        guard let text = values[key], !text.isEmpty else { return fallback }
        guard let value = Double(text.hasSuffix("%") ? String(text.dropLast()) : text), (0...100).contains(value) else {
            throw .refused("\(key) must be a percentage from 0 to 100 (like 1 or 0.5), got '\(text)'")
        }
        return value
    }

    func choice<Choice: RawRepresentable & CaseIterable>(_ key: String, default fallback: Choice) throws(ToolboxError) -> Choice
    where Choice.RawValue == String {
        guard let text = values[key], !text.isEmpty else { return fallback }
        guard let value = Choice(rawValue: text) else {
            throw .refused("\(key) must be \(Choice.allCases.map(\.rawValue).joined(separator: " or ")), got '\(text)'")
        }
        return value
    }

    /// A comma-separated, rising list of percentages ending at 100, or "0" alone (stage only).
    func steps(_ key: String, default fallback: [Int]) throws(ToolboxError) -> [Int] {
        guard let text = values[key], !text.isEmpty else { return fallback }
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { Int($0.trimmingCharacters(in: .whitespaces)) }
        let problem: ToolboxError = .refused("\(key) must be rising percentages ending at 100 (like 10,50,100) or 0 to stage only, got '\(text)'")
        guard parts.allSatisfy({ $0 != nil }) else { throw problem }
        let steps = parts.compactMap { $0 }
        if steps == [0] { return steps }
        guard steps.last == 100, steps.allSatisfy({ (1...100).contains($0) }), zip(steps, steps.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw problem
        }
        return steps
    }
}
