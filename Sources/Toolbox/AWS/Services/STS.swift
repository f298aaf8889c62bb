
/// AWS STS (Query): who the credentials belong to — the cheapest check that they work.
public struct STS: AWSServiceAPI {
    public static let service = AWSService(
        name: "sts", endpointVariableID: "STS", wireProtocol: .query(apiVersion: "2011-06-15"))
    public let client: AWSClient

    public init(client: AWSClient) { self.client = client }

    public func getCallerIdentity() async throws -> CallerIdentity {
        try await call("GetCallerIdentity", AWSEmptyInput())
    }

    public struct CallerIdentity: Decodable, Sendable, Equatable {
        public var Account: String
        public var Arn: String
        public var UserId: String
    }
}
