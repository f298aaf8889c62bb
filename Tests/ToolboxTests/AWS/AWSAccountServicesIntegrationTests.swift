import Foundation
import Testing
import Toolbox

/// ECR, IAM, CloudWatch Logs, STS and ACM against moto: a round trip each.
@Suite("ECR, IAM, Logs, STS and ACM against moto")
struct AWSAccountServicesIntegrationTests {
    @Test func ecrRepositoriesAndAuthorizationToken() async throws {
        try await withAWSEmulator { endpoint in
            let ecr = ECR(client: testClient(endpoint: endpoint))
            let created = try await ecr.createRepository(
                repositoryName: "demo/server", tags: [.init(key: "project", value: "demo")])
            #expect(created.repository.repositoryUri.hasSuffix("/demo/server"))
            #expect(try await ecr.describeRepositories(repositoryNames: ["demo/server"]).repositories.count == 1)
            let token = try #require(try await ecr.getAuthorizationToken().authorizationData.first)
            #expect(token.credentials?.user == "AWS")
            #expect(!"\(token)".contains(token.authorizationToken))
            _ = try await ecr.deleteRepository(repositoryName: "demo/server", force: true)
            let gone = await #expect(throws: AWSError.self) {
                _ = try await ecr.describeRepositories(repositoryNames: ["demo/server"])
            }
            #expect(gone?.code == "RepositoryNotFoundException")
        }
    }

    @Test func iamRoleWithManagedAndInlinePolicies() async throws {
        try await withAWSEmulator { endpoint in
            let iam = IAM(client: testClient(endpoint: endpoint))
            let trust =
                #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ecs-tasks.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#
            let role = try await iam.createRole(
                roleName: "demo-task", assumeRolePolicyDocument: trust, tags: [.init(key: "project", value: "demo")])
            #expect(role.Arn.hasSuffix(":role/demo-task"))
            #expect(try await iam.getRole(roleName: "demo-task").RoleId == role.RoleId)
            let policy = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
            try await iam.attachRolePolicy(roleName: "demo-task", policyArn: policy)
            #expect(try await iam.listAttachedRolePolicies(roleName: "demo-task").map(\.PolicyArn) == [policy])
            let inline =
                #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"appmesh:StreamAggregatedResources","Resource":"*"}]}"#
            try await iam.putRolePolicy(roleName: "demo-task", policyName: "mesh", policyDocument: inline)
            #expect(try await iam.listRolePolicies(roleName: "demo-task") == ["mesh"])
            try await iam.deleteRolePolicy(roleName: "demo-task", policyName: "mesh")
            try await iam.detachRolePolicy(roleName: "demo-task", policyArn: policy)
            try await iam.deleteRole(roleName: "demo-task")
            let gone = await #expect(throws: AWSError.self) { _ = try await iam.getRole(roleName: "demo-task") }
            #expect(gone?.code == "NoSuchEntity" && gone?.isNotFound == true)
        }
    }

    @Test func logsStsAndACM() async throws {
        let tls = try await TestCertificate.make(commonName: "echo_server.demo.local")
        defer { tls.remove() }
        let certificate = try String(contentsOfFile: tls.certificatePath, encoding: .utf8)
        let key = try String(contentsOfFile: tls.keyPath, encoding: .utf8)
        try await withAWSEmulator { endpoint in
            let client = testClient(endpoint: endpoint)
            let logs = CloudWatchLogs(client: client)
            try await logs.createLogGroup(logGroupName: "/ecs/demo", tags: ["project": "demo"])
            try await logs.putRetentionPolicy(logGroupName: "/ecs/demo", retentionInDays: 7)
            let groups = try await logs.describeLogGroups(logGroupNamePrefix: "/ecs/")
            #expect(groups.map(\.logGroupName) == ["/ecs/demo"] && groups.first?.retentionInDays == 7)
            try await logs.deleteLogGroup(logGroupName: "/ecs/demo")
            #expect(try await logs.describeLogGroups(logGroupNamePrefix: "/ecs/").isEmpty)

            let identity = try await STS(client: client).getCallerIdentity()
            #expect(identity.Account.count == 12)

            let acm = ACM(client: client)
            let arn = try await acm.importCertificate(
                certificatePEM: certificate, privateKeyPEM: key, tags: [.init(key: "project", value: "demo")])
            let detail = try await acm.describeCertificate(certificateArn: arn)
            #expect(detail.DomainName == "echo_server.demo.local" && detail.Type == "IMPORTED")
            let reimported = try await acm.importCertificate(
                certificatePEM: certificate, privateKeyPEM: key, certificateArn: arn)
            #expect(reimported == arn)
            try await acm.deleteCertificate(certificateArn: arn)
            let gone = await #expect(throws: AWSError.self) {
                _ = try await acm.describeCertificate(certificateArn: arn)
            }
            #expect(gone?.code == "ResourceNotFoundException")
        }
    }
}
