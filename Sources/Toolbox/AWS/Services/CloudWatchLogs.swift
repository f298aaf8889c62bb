
/// CloudWatch Logs (JSON 1.1): the log group the tasks write to.
public struct CloudWatchLogs: AWSServiceAPI {
    public static let service = AWSService(
        name: "logs", endpointVariableID: "CLOUDWATCH_LOGS", wireProtocol: .json(targetPrefix: "Logs_20140328"))
    public let client: AWSClient

    public init(client: AWSClient) { self.client = client }

    public func createLogGroup(logGroupName: String, tags: [String: String]? = nil) async throws {
        try await perform("CreateLogGroup", CreateLogGroupInput(logGroupName: logGroupName, tags: tags))
    }
    public func describeLogGroups(logGroupNamePrefix: String? = nil) async throws -> [LogGroup] {
        try await pages(
            "DescribeLogGroups", DescribeLogGroupsInput(logGroupNamePrefix: logGroupNamePrefix),
            token: \.nextToken, next: \DescribeLogGroupsOutput.nextToken, items: \.logGroups)
    }
    public func putRetentionPolicy(logGroupName: String, retentionInDays: Int) async throws {
        try await perform(
            "PutRetentionPolicy", RetentionInput(logGroupName: logGroupName, retentionInDays: retentionInDays))
    }
    public func deleteLogGroup(logGroupName: String) async throws {
        try await perform("DeleteLogGroup", ["logGroupName": logGroupName])
    }
}

extension CloudWatchLogs {
    public struct LogGroup: Decodable, Sendable, Equatable {
        public var logGroupName: String
        public var arn: String?
        public var retentionInDays: Int?
    }
    struct CreateLogGroupInput: Encodable { var logGroupName: String, tags: [String: String]? }
    struct DescribeLogGroupsInput: Encodable { var logGroupNamePrefix: String?, nextToken: String? = nil }
    struct DescribeLogGroupsOutput: Decodable { var logGroups: [LogGroup], nextToken: String? }
    struct RetentionInput: Encodable { var logGroupName: String, retentionInDays: Int }
}
