/// One line of CloudWatch's embedded metric format (EMF) for the calls of one interval.
///
/// Metrics, all `Count`, in `namespace` with the dimension set [Service, Revision]: `Calls` (every
/// call answered), `Errors` (those answered with a status other than OK) and, for each non-OK code
/// seen in the interval, a metric named after the code (`UNAVAILABLE`, ...). An interval without
/// calls still gives Calls 0 and Errors 0, so "no calls" differs from "no data". Error rate per
/// revision: Sum(Errors) / Sum(Calls). See docs/echo-metrics.md.
public struct EMFLine: Sendable, Equatable {
    public var namespace: String
    public var service: String
    public var revision: String

    public init(namespace: String, service: String, revision: String) {
        self.namespace = namespace
        self.service = service
        self.revision = revision
    }

    /// The JSON object for `counts` (by code, as `CallOutcomes.take()` gives them), on one line.
    public func render(counts: [Int], timestampMilliseconds: Int64) -> String {
        let calls = counts.reduce(0, +)
        let errors = calls - (counts.first ?? 0)
        var values = [("Calls", calls), ("Errors", errors)]
        for (code, count) in counts.enumerated().dropFirst() where count > 0 {
            values.append((CallOutcomes.codeNames[code], count))
        }
        let definitions = values.map { #"{"Name":\#(Self.quoted($0.0)),"Unit":"Count"}"# }.joined(separator: ",")
        let members = values.map { "\(Self.quoted($0.0)):\($0.1)" }.joined(separator: ",")
        return #"{"_aws":{"Timestamp":\#(timestampMilliseconds),"CloudWatchMetrics":[{"Namespace":\#(Self.quoted(namespace)),"#
            + #""Dimensions":[["Service","Revision"]],"Metrics":[\#(definitions)]}]},"#
            + #""Service":\#(Self.quoted(service)),"Revision":\#(Self.quoted(revision)),\#(members)}"#
    }

    /// A JSON string literal; settings may hold quotes or backslashes.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
