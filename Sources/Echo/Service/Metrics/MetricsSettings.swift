/// The server's call outcomes in CloudWatch's embedded metric format, from the environment.
///
/// - `METRICS_EMF_SECONDS`: write one EMF line to standard output every that many seconds (0.1 to
///   3600) and once more at shutdown, after draining; unset: nothing is counted or written, and the
///   other keys are not read.
/// - `METRICS_NAMESPACE`: the CloudWatch namespace, default EchoToolbox.
/// - `METRICS_SERVICE`, `METRICS_REVISION`: the Service and Revision dimensions, default
///   echo-server and the version the server reports.
public struct MetricsSettings: Sendable, Equatable {
    public var intervalSeconds: Double
    public var line: EMFLine

    /// Nil when METRICS_EMF_SECONDS is unset.
    public static func from(environment: [String: String], revision: String) throws(ConfigurationError) -> MetricsSettings? {
        guard let text = environment["METRICS_EMF_SECONDS"] else { return nil }
        guard let seconds = Double(text), (0.1...3600).contains(seconds) else {
            throw ConfigurationError("METRICS_EMF_SECONDS must be a number of seconds from 0.1 to 3600, got '\(text)'")
        }
        let namespace = environment["METRICS_NAMESPACE"] ?? "EchoToolbox"
        try checkNamespace(namespace)
        let service = try dimension("METRICS_SERVICE", environment) ?? "echo-server"
        let revision = try dimension("METRICS_REVISION", environment) ?? revision
        return MetricsSettings(intervalSeconds: seconds, line: EMFLine(namespace: namespace, service: service, revision: revision))
    }

    /// CloudWatch's rule: up to 255 of A-Z a-z 0-9 . - _ / # : and space, not all spaces, not AWS/.
    private static func checkNamespace(_ namespace: String) throws(ConfigurationError) {
        let allowed = namespace.unicodeScalars.allSatisfy {
            $0.isASCII && ($0.properties.isAlphabetic || $0.properties.numericType != nil || " ._-/#:".unicodeScalars.contains($0))
        }
        guard allowed, (1...255).contains(namespace.count), namespace.contains(where: { $0 != " " }),
            !namespace.hasPrefix("AWS/")
        else {
            throw ConfigurationError(
                "METRICS_NAMESPACE must be 1 to 255 of A-Z a-z 0-9 . - _ / # : and space, not starting AWS/, got '\(namespace)'")
        }
    }

    /// A dimension value: 1 to 1024 characters, no control characters.
    private static func dimension(_ name: String, _ environment: [String: String]) throws(ConfigurationError) -> String? {
        guard let value = environment[name] else { return nil }
        guard (1...1024).contains(value.count), !value.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
            throw ConfigurationError("\(name) must be 1 to 1024 characters without control characters, got '\(value)'")
        }
        return value
    }
}
