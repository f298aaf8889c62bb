import Foundation

/// One key of the settings table: its name, its value when unset, how its text becomes a value
/// (a bad value is a one-line refusal naming the key), and the line of documentation that
/// `.env-sample` carries. An empty value counts as unset, as in the original's `.env`.
public struct SettingKey<Value: Sendable & Equatable>: Sendable {
    public let name: String
    /// The value `.env-sample` shows: the default, or an example when `isExample`.
    public let sample: String
    public let isExample: Bool
    public let doc: String
    let unset: @Sendable (String) throws(ToolboxError) -> Value
    let parse: @Sendable (String, String) throws(ToolboxError) -> Value

    /// A key whose unset value is `fallback`; `.env-sample` shows `sample`, which reads as it
    /// unless it is a placeholder (`isExample`, like ami-...).
    init(
        _ name: String, default fallback: Value, sample: String, isExample: Bool = false, doc: String,
        parse: @escaping @Sendable (String, String) throws(ToolboxError) -> Value
    ) {
        (self.name, self.sample, self.isExample, self.doc, self.parse) = (name, sample, isExample, doc, parse)
        unset = { _ throws(ToolboxError) in fallback }
    }

    /// A key that must be set: unset, it is refused with `whenUnset` (the key's name leads it).
    init(
        _ name: String, required whenUnset: String, example: String, doc: String,
        parse: @escaping @Sendable (String, String) throws(ToolboxError) -> Value
    ) {
        (self.name, self.sample, self.isExample, self.doc, self.parse) = (name, example, true, doc, parse)
        unset = { name throws(ToolboxError) in throw .refused("\(name) is not set; \(whenUnset)") }
    }

    /// The key's value in the merged settings.
    public func read(_ values: [String: String]) throws(ToolboxError) -> Value {
        guard let text = values[name], !text.isEmpty else { return try unset(name) }
        return try parse(name, text)
    }

    /// The key as the table lists it, its type set aside.
    public var entry: SettingEntry {
        let key = self
        return SettingEntry(name: name, sample: sample, isExample: isExample, doc: doc) {
            (try? key.read([key.name: key.sample])) == (try? key.read([:]))
        }
    }
}

/// A row of the settings table without its value type: what `.env-sample` and the tests see.
public struct SettingEntry: Sendable {
    public let name: String
    public let sample: String
    /// True when `sample` is an example of a value the key needs rather than its default.
    public let isExample: Bool
    public let doc: String
    /// Whether `sample`, read as the key's value, gives the key's default.
    public let sampleReadsAsDefault: @Sendable () -> Bool
}
