import Foundation

/// Reads a version string constant from Swift source text (`let echoServerVersion = "0.9"`),
/// so the toolbox learns the service's version without linking the service's code.
public enum VersionConstant {
    /// The string literal assigned to `constant` in `source`, nil when there is none.
    public static func parse(_ source: String, constant: String) -> String? {
        for line in source.split(separator: "\n") {
            let code = line.split(separator: "//", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            guard let nameRange = code.range(of: constant),
                code[..<nameRange.lowerBound].hasSuffix("let ") || code[..<nameRange.lowerBound].hasSuffix("var "),
                let equals = code[nameRange.upperBound...].firstIndex(of: "=")
            else { continue }
            let value = code[code.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            guard value.count >= 2, value.first == "\"", let closing = value.dropFirst().firstIndex(of: "\"") else {
                continue
            }
            return String(value[value.index(after: value.startIndex)..<closing])
        }
        return nil
    }
}
