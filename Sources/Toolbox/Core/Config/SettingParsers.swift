import Foundation

/// The parsers the settings table's keys share; each refusal is one line that names the key.
extension SettingKey where Value == String {
    /// Any text, checked by `rule` (which names the key itself).
    static func text(
        _ name: String, default fallback: String, doc: String,
        rule: @escaping @Sendable (String, String) throws(ToolboxError) -> Void = { _, _ in }
    ) -> SettingKey {
        SettingKey(name, default: fallback, sample: fallback, doc: doc) { name, text throws(ToolboxError) in
            try rule(name, text)
            return text
        }
    }

    /// A value the command cannot do without, matching `pattern` (refused with `shape`).
    static func required(_ name: String, whenUnset: String, example: String, doc: String, pattern: String, shape: String)
        -> SettingKey
    {
        SettingKey(name, required: whenUnset, example: example, doc: doc) { name, text throws(ToolboxError) in
            guard text.range(of: pattern, options: .regularExpression) != nil else {
                throw .refused("\(name) must be \(shape), got '\(text)'")
            }
            return text
        }
    }
}

extension SettingKey where Value == String? {
    /// Unset means nil; a value is checked by `rule`. A `sample` is a placeholder (ami-...).
    static func optional(
        _ name: String, sample: String = "", doc: String,
        rule: @escaping @Sendable (String, String) throws(ToolboxError) -> Void = { _, _ in }
    ) -> SettingKey {
        SettingKey(name, default: nil, sample: sample, isExample: !sample.isEmpty, doc: doc) { name, text throws(ToolboxError) in
            try rule(name, text)
            return text
        }
    }

    /// Unset means nil; a value must match `pattern`.
    static func optionalName(_ name: String, sample: String = "", doc: String, pattern: String) -> SettingKey {
        optional(name, sample: sample, doc: doc) { name, text throws(ToolboxError) in
            guard text.range(of: pattern, options: .regularExpression) != nil else {
                throw .refused("\(name) is not a valid name: '\(text)'")
            }
        }
    }

    /// Unset means nil; a value must be an image reference with a tag or digest.
    static func imageReference(_ name: String, doc: String) -> SettingKey {
        optional(name, doc: doc) { name, text throws(ToolboxError) in
            guard !text.contains(where: \.isWhitespace), text.contains(":") || text.contains("@") else {
                throw .refused("\(name) must be an image reference with a tag, got '\(text)'")
            }
        }
    }
}

extension SettingKey where Value == Int {
    static func integer(_ name: String, default fallback: Int, in range: ClosedRange<Int>, doc: String) -> SettingKey {
        SettingKey(name, default: fallback, sample: String(fallback), doc: doc) { name, text throws(ToolboxError) in
            guard let value = Int(text), range.contains(value) else {
                throw .refused("\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound), got '\(text)'")
            }
            return value
        }
    }
}

extension SettingKey where Value == Double {
    static func seconds(_ name: String, default fallback: Int, doc: String) -> SettingKey {
        SettingKey(name, default: Double(fallback), sample: String(fallback), doc: doc) { name, text throws(ToolboxError) in
            guard let value = Double(text), value >= 0, value <= 86_400 else {
                throw .refused("\(name) must be a number of seconds from 0 to 86400, got '\(text)'")
            }
            return value
        }
    }

    static func percentage(_ name: String, default fallback: Int, doc: String) -> SettingKey {
        SettingKey(name, default: Double(fallback), sample: String(fallback), doc: doc) { name, text throws(ToolboxError) in
            guard let value = Double(text.hasSuffix("%") ? String(text.dropLast()) : text), (0...100).contains(value) else {
                throw .refused("\(name) must be a percentage from 0 to 100 (like 1 or 0.5), got '\(text)'")
            }
            return value
        }
    }
}

extension SettingKey where Value == Bool {
    /// 1 or 0; unset is 0.
    static func flag(_ name: String, doc: String) -> SettingKey {
        SettingKey(name, default: false, sample: "0", doc: doc) { name, text throws(ToolboxError) in
            switch text {
            case "0": return false
            case "1": return true
            default: throw .refused("\(name) must be 1 or 0, got '\(text)'")
            }
        }
    }
}

extension SettingKey where Value: RawRepresentable & CaseIterable, Value.RawValue == String {
    static func choice(_ name: String, default fallback: Value, doc: String) -> SettingKey {
        SettingKey(name, default: fallback, sample: fallback.rawValue, doc: doc) { name, text throws(ToolboxError) in
            guard let value = Value(rawValue: text) else {
                throw .refused("\(name) must be \(Value.allCases.map(\.rawValue).joined(separator: " or ")), got '\(text)'")
            }
            return value
        }
    }
}

extension SettingKey where Value == [Int] {
    /// A comma-separated, rising list of percentages ending at 100, or "0" alone (stage only).
    static func steps(_ name: String, default fallback: [Int], doc: String) -> SettingKey {
        let sample = fallback.map(String.init).joined(separator: ",")
        return SettingKey(name, default: fallback, sample: sample, doc: doc) { name, text throws(ToolboxError) in
            let parts = text.split(separator: ",", omittingEmptySubsequences: false).map {
                Int($0.trimmingCharacters(in: .whitespaces))
            }
            let problem: ToolboxError = .refused(
                "\(name) must be rising percentages ending at 100 (like 10,50,100) or 0 to stage only, got '\(text)'"
            )
            guard parts.allSatisfy({ $0 != nil }) else { throw problem }
            let steps = parts.compactMap { $0 }
            if steps == [0] { return steps }
            guard steps.last == 100, steps.allSatisfy({ (1...100).contains($0) }),
                zip(steps, steps.dropFirst()).allSatisfy({ $0 < $1 })
            else { throw problem }
            return steps
        }
    }
}

/// Parsers shared by keys of different shapes.
enum SettingParsers {
    /// Seconds, or a number with s, m or h (`90`, `90s`, `5m`, `1h`), at most a day.
    static func duration(_ text: String, key: String) throws(ToolboxError) -> Double {
        let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600]
        let unit = text.last.flatMap { units[$0] }
        guard let number = Double(unit == nil ? text : String(text.dropLast())), number >= 0, number * (unit ?? 1) <= 86_400 else {
            throw .refused("\(key) must be a duration up to a day, like 300, 90s, 5m or 1h, got '\(text)'")
        }
        return number * (unit ?? 1)
    }
}
