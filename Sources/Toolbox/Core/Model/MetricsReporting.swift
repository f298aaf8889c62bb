/// How a routed service reports its calls by outcome (CloudWatch's embedded metric format on
/// its log stream, turned into metrics by CloudWatch): the variables that switch it on and name
/// the revision, and the metrics a reader sums. The aws platform sets the variables on each
/// revision's tasks and reads the sums back with GetMetricData (docs/echo-metrics.md).
public struct MetricsReporting: Sendable, Codable, Equatable {
    /// Seconds between two reports; the variable that asks for reports at all.
    public var intervalKey: String
    public var namespaceKey: String
    public var serviceKey: String
    public var revisionKey: String
    public var namespace: String
    /// Calls answered, and those that failed, per report (summed by the reader).
    public var callsMetric: String
    public var errorsMetric: String

    public init(
        intervalKey: String, namespaceKey: String, serviceKey: String, revisionKey: String, namespace: String,
        callsMetric: String, errorsMetric: String
    ) {
        (self.intervalKey, self.namespaceKey, self.serviceKey, self.revisionKey) = (intervalKey, namespaceKey, serviceKey, revisionKey)
        (self.namespace, self.callsMetric, self.errorsMetric) = (namespace, callsMetric, errorsMetric)
    }

    /// The echo server's (Sources/Echo/Service/Metrics).
    public static let echo = MetricsReporting(
        intervalKey: "METRICS_EMF_SECONDS", namespaceKey: "METRICS_NAMESPACE", serviceKey: "METRICS_SERVICE",
        revisionKey: "METRICS_REVISION", namespace: "EchoToolbox", callsMetric: "Calls", errorsMetric: "Errors")

    /// The variables a task of `revision` of `service` is given.
    public func environment(service: String, revision: String, intervalSeconds: Int) -> [String: String] {
        [intervalKey: String(intervalSeconds), namespaceKey: namespace, serviceKey: service, revisionKey: revision]
    }
}
