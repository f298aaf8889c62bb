
/// AWS IAM (Query, global): task and execution roles, their managed and inline policies.
public struct IAM: AWSServiceAPI {
    public static let service = AWSService(
        name: "iam", endpointVariableID: "IAM", wireProtocol: .query(apiVersion: "2010-05-08"),
        globalEndpoint: (host: "iam.amazonaws.com", region: "us-east-1"))
    public let client: AWSClient

    public init(client: AWSClient) { self.client = client }

    /// `assumeRolePolicyDocument` is the trust policy JSON (ECS tasks: principal ecs-tasks.amazonaws.com).
    public func createRole(
        roleName: String, assumeRolePolicyDocument: String, description: String? = nil, tags: [Tag]? = nil
    ) async throws -> Role {
        let input = CreateRoleInput(
            RoleName: roleName, AssumeRolePolicyDocument: assumeRolePolicyDocument, Description: description, Tags: tags
        )
        let output: RoleOutput = try await call("CreateRole", input)
        return output.Role
    }
    public func getRole(roleName: String) async throws -> Role {
        let output: RoleOutput = try await call("GetRole", ["RoleName": roleName])
        return output.Role
    }
    public func deleteRole(roleName: String) async throws {
        try await perform("DeleteRole", ["RoleName": roleName])
    }
    public func attachRolePolicy(roleName: String, policyArn: String) async throws {
        try await perform("AttachRolePolicy", ["RoleName": roleName, "PolicyArn": policyArn])
    }
    public func detachRolePolicy(roleName: String, policyArn: String) async throws {
        try await perform("DetachRolePolicy", ["RoleName": roleName, "PolicyArn": policyArn])
    }
    public func listAttachedRolePolicies(roleName: String) async throws -> [AttachedPolicy] {
        let output: ListAttachedRolePoliciesOutput = try await call("ListAttachedRolePolicies", ["RoleName": roleName])
        return output.AttachedPolicies
    }
    public func putRolePolicy(roleName: String, policyName: String, policyDocument: String) async throws {
        let input = ["RoleName": roleName, "PolicyName": policyName, "PolicyDocument": policyDocument]
        try await perform("PutRolePolicy", input)
    }
    public func deleteRolePolicy(roleName: String, policyName: String) async throws {
        try await perform("DeleteRolePolicy", ["RoleName": roleName, "PolicyName": policyName])
    }
    public func listRolePolicies(roleName: String) async throws -> [String] {
        let output: ListRolePoliciesOutput = try await call("ListRolePolicies", ["RoleName": roleName])
        return output.PolicyNames
    }
}

extension IAM {
    public typealias Tag = AWSTag
    public struct Role: Decodable, Sendable, Equatable {
        public var RoleId: String
        public var Arn: String
    }
    public struct AttachedPolicy: Decodable, Sendable, Equatable { public var PolicyArn: String }
    struct CreateRoleInput: Encodable {
        var RoleName: String, AssumeRolePolicyDocument: String, Description: String?, Tags: [Tag]?
    }
    struct RoleOutput: Decodable { var Role: Role }
    struct ListAttachedRolePoliciesOutput: Decodable { var AttachedPolicies: [AttachedPolicy] }
    struct ListRolePoliciesOutput: Decodable { var PolicyNames: [String] }
}
