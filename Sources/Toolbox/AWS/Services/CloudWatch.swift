
/// Amazon CloudWatch (Query): the alarms a rollout's gate watches.
public struct CloudWatch: AWSServiceAPI {
    public static let service = AWSService(
        name: "monitoring", endpointVariableID: "CLOUDWATCH", wireProtocol: .query(apiVersion: "2010-08-01"))
    public let client: AWSClient

    public init(client: AWSClient) { self.client = client }

    /// The metric alarms of these names (AWS answers at most 100 names a call).
    public func describeAlarms(names: [String]) async throws -> [MetricAlarm] {
        var alarms: [MetricAlarm] = []
        var token: String?
        repeat {
            let output: DescribeAlarmsOutput = try await call(
                "DescribeAlarms", DescribeAlarmsInput(AlarmNames: names, AlarmTypes: ["MetricAlarm"], NextToken: token))
            alarms += output.MetricAlarms ?? []
            token = output.NextToken
        } while token != nil
        return alarms
    }
}

extension CloudWatch {
    public struct MetricAlarm: Decodable, Sendable, Equatable {
        public var AlarmName: String
        /// OK, ALARM or INSUFFICIENT_DATA.
        public var StateValue: String
        public var StateReason: String?
    }
    struct DescribeAlarmsInput: Encodable {
        var AlarmNames: [String], AlarmTypes: [String], NextToken: String?
    }
    struct DescribeAlarmsOutput: Decodable {
        var MetricAlarms: [MetricAlarm]?
        var NextToken: String?
    }
}
