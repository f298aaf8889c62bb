
/// Extra environment for a revision's tasks, given as KEY=VALUE words.
public enum TaskEnvironment {
    public static func parse(_ words: [String]) throws(ToolboxError) -> [String: String] {
        var result: [String: String] = [:]
        for word in words {
            guard let equals = word.firstIndex(of: "="), equals != word.startIndex,
                word[..<equals].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" })
            else {
                throw .refused("task environment must be KEY=VALUE, got '\(word)'")
            }
            result[String(word[..<equals])] = String(word[word.index(after: equals)...])
        }
        return result
    }

    /// TASK_ENV="A=1 B=2" as words.
    public static func fromSetting(_ value: String?) -> [String] {
        (value ?? "").split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
    }
}
