import Foundation

/// Amazon ECR (JSON 1.1): repositories and registry login tokens. Signs as "ecr", lives at "api.ecr".
public struct ECR: AWSServiceAPI {
    public static let service = AWSService(
        name: "ecr", hostPrefix: "api.ecr", endpointVariableID: "ECR",
        wireProtocol: .json(targetPrefix: "AmazonEC2ContainerRegistry_V20150921"))
    public let client: AWSClient

    public init(client: AWSClient) { self.client = client }

    public func createRepository(repositoryName: String, tags: [Tag]? = nil) async throws -> RepositoryOutput {
        try await call("CreateRepository", CreateRepositoryInput(repositoryName: repositoryName, tags: tags))
    }
    public func describeRepositories(repositoryNames: [String]? = nil) async throws -> DescribeRepositoriesOutput {
        try await call("DescribeRepositories", DescribeRepositoriesInput(repositoryNames: repositoryNames))
    }
    /// `force` deletes the images too.
    public func deleteRepository(repositoryName: String, force: Bool = false) async throws -> RepositoryOutput {
        try await call("DeleteRepository", DeleteRepositoryInput(repositoryName: repositoryName, force: force))
    }
    /// A registry login: base64 of `AWS:<password>`, valid for 12 hours. Never log it.
    public func getAuthorizationToken() async throws -> GetAuthorizationTokenOutput {
        try await call("GetAuthorizationToken", AWSEmptyInput())
    }
}

extension ECR {
    public typealias Tag = AWSTag
    public struct Repository: Decodable, Sendable, Equatable {
        /// What images are pushed to: `<registry host>/<repository name>`.
        public var repositoryUri: String
    }
    struct CreateRepositoryInput: Encodable { var repositoryName: String, tags: [Tag]? }
    struct DescribeRepositoriesInput: Encodable { var repositoryNames: [String]? }
    struct DeleteRepositoryInput: Encodable { var repositoryName: String, force: Bool }
    public struct RepositoryOutput: Decodable, Sendable { public var repository: Repository }
    public struct DescribeRepositoriesOutput: Decodable, Sendable { public var repositories: [Repository] }

    public struct AuthorizationData: Decodable, Sendable, CustomStringConvertible {
        public var authorizationToken: String
        public var expiresAt: Date?
        public var proxyEndpoint: String?

        /// The user name and password inside the token (user name "AWS").
        public var credentials: (user: String, password: String)? {
            guard let decoded = Data(base64Encoded: authorizationToken).map({ String(decoding: $0, as: UTF8.self) }),
                let colon = decoded.firstIndex(of: ":")
            else { return nil }
            return (String(decoded[..<colon]), String(decoded[decoded.index(after: colon)...]))
        }

        public var description: String { "AuthorizationData(\(proxyEndpoint ?? "?"), token: <redacted>)" }
    }
    public struct GetAuthorizationTokenOutput: Decodable, Sendable { public var authorizationData: [AuthorizationData] }
}
