import Foundation

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

/// GetMetricData: the sums the rollout's error-rate gate reads on aws.
extension CloudWatch {
    /// One metric summed over `period` seconds, by name and dimensions.
    public struct SumQuery: Sendable, Equatable {
        public var id: String
        public var namespace: String
        public var metric: String
        public var dimensions: [(name: String, value: String)]

        public init(id: String, namespace: String, metric: String, dimensions: [(name: String, value: String)]) {
            (self.id, self.namespace, self.metric, self.dimensions) = (id, namespace, metric, dimensions)
        }

        public static func == (lhs: SumQuery, rhs: SumQuery) -> Bool {
            lhs.id == rhs.id && lhs.metric == rhs.metric && lhs.dimensions.map(\.value) == rhs.dimensions.map(\.value)
        }
    }

    /// Each query's total over [start, end] (the sum of its datapoints), by query id.
    public func sums(_ queries: [SumQuery], start: Date, end: Date, period: Int = 60) async throws -> [String: Double] {
        let stamp = ISO8601DateFormatter()
        let input = GetMetricDataInput(
            MetricDataQueries: queries.map { query in
                MetricDataQuery(
                    Id: query.id,
                    MetricStat: MetricStat(
                        Metric: Metric(
                            Namespace: query.namespace, MetricName: query.metric,
                            Dimensions: query.dimensions.map { Dimension(Name: $0.name, Value: $0.value) }),
                        Period: period, Stat: "Sum"))
            }, StartTime: stamp.string(from: start), EndTime: stamp.string(from: end))
        let output: GetMetricDataOutput = try await call("GetMetricData", input)
        var totals: [String: Double] = [:]
        for result in output.MetricDataResults ?? [] { totals[result.Id, default: 0] += (result.Values ?? []).reduce(0, +) }
        return totals
    }

    struct GetMetricDataInput: Encodable { var MetricDataQueries: [MetricDataQuery], StartTime: String, EndTime: String }
    struct MetricDataQuery: Encodable { var Id: String, MetricStat: MetricStat }
    struct MetricStat: Encodable { var Metric: Metric, Period: Int, Stat: String }
    struct Metric: Encodable { var Namespace: String, MetricName: String, Dimensions: [Dimension] }
    struct Dimension: Encodable { var Name: String, Value: String }
    struct GetMetricDataOutput: Decodable { var MetricDataResults: [MetricDataResult]? }
    struct MetricDataResult: Decodable { var Id: String, Values: [Double]? }
}
