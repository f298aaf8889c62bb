import ToolboxAWS
import ToolboxCore

/// What the tasks run in and with, none of it inside the VPC: the ECS cluster (tagged with the
/// project's traffic router), the ECR repositories, the IAM roles and the log group. First up and
/// last down: while the cluster exists, describe() reports a deployment, so destroy-infra always
/// has a half-built or half-destroyed project to finish.
struct ClusterStack: InfraStack {
    let context: AWSContext

    static let ecsTasksTrust = """
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ecs-tasks.amazonaws.com"},"Action":"sts:AssumeRole"}]}
        """
    static let executionPolicies = ["arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"]
    /// The routers add their own (App Mesh: the Envoy sidecar's access).
    static let taskPolicies = [
        "arn:aws:iam::aws:policy/CloudWatchFullAccess", "arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess",
    ]

    private var aws: AWSServices { context.aws }
    private var names: AWSNames { context.names }
    private var repositories: [String] { [names.serverRepository, names.clientRepository] }

    func ensure(_ changes: InfraChanges, _ build: inout InfraBuild) async throws {
        _ = try await changes.ensure("ECS cluster \(names.cluster)") {
            try await context.findCluster()
        } create: {
            let router = ECS.Tag(key: AWSNames.routerTagKey, value: context.awsSettings.trafficRouter.rawValue)
            return try await aws.ecs.createCluster(.init(clusterName: names.cluster, tags: names.ecsTags + [router]))
                .cluster.clusterArn
        }
        for name in repositories {
            _ = try await changes.ensure("ECR repository \(name)") {
                try await repositoryURI(name)
            } create: {
                try await aws.ecr.createRepository(repositoryName: name, tags: names.ecrTags).repository.repositoryUri
            }
        }
        build.roles = try await ensureRoles(changes)
        _ = try await changes.ensure("log group \(names.logGroup)") {
            try await hasLogGroup() ? names.logGroup : nil
        } create: {
            try await aws.logs.createLogGroup(logGroupName: names.logGroup, tags: names.logTags)
            try await aws.logs.putRetentionPolicy(logGroupName: names.logGroup, retentionInDays: 7)
            return names.logGroup
        }
    }

    /// The execution role (pull images, write logs) and the task role (logs, traces).
    private func ensureRoles(_ changes: InfraChanges) async throws -> InfraBuild.Roles {
        var arns: [String] = []
        for (role, policies) in [(names.taskRole, Self.taskPolicies), (names.executionRole, Self.executionPolicies)] {
            let arn = try await changes.ensure("IAM role \(role)") {
                try await roleARN(role)
            } create: {
                try await aws.iam.createRole(
                    roleName: role,
                    assumeRolePolicyDocument: Self.ecsTasksTrust,
                    tags: names.iamTags
                ).Arn
            }
            for policy in policies {
                try await changes.converge(
                    "policy \(policy.split(separator: "/").last ?? "") attached to \(role)",
                    after: [arn]
                ) {
                    try await aws.iam.listAttachedRolePolicies(roleName: role).contains { $0.PolicyArn == policy }
                } apply: {
                    try await aws.iam.attachRolePolicy(roleName: role, policyArn: policy)
                }
            }
            arns.append(arn)
        }
        return InfraBuild.Roles(task: arns[0], execution: arns[1])
    }

    /// The roles a new revision's task definition names; nil before build-infra made them.
    func find() async throws -> InfraBuild.Roles? {
        guard let task = try await roleARN(names.taskRole), let execution = try await roleARN(names.executionRole)
        else { return nil }
        return InfraBuild.Roles(task: task, execution: execution)
    }

    func destroy(_ changes: InfraChanges) async throws {
        for name in repositories {
            let exists = try await repositoryURI(name) != nil
            try await changes.remove("ECR repository \(name) and its images", exists: exists) {
                _ = try await ignoringNotFound { try await aws.ecr.deleteRepository(repositoryName: name, force: true) }
            }
        }
        for role in [names.taskRole, names.executionRole] {
            try await changes.remove("IAM role \(role)", exists: try await roleARN(role) != nil) {
                for policy in try await aws.iam.listAttachedRolePolicies(roleName: role) {
                    try await aws.iam.detachRolePolicy(roleName: role, policyArn: policy.PolicyArn)
                }
                for policy in try await aws.iam.listRolePolicies(roleName: role) {
                    try await aws.iam.deleteRolePolicy(roleName: role, policyName: policy)
                }
                _ = try await ignoringNotFound { try await aws.iam.deleteRole(roleName: role) }
            }
        }
        try await changes.remove("log group \(names.logGroup)", exists: try await hasLogGroup()) {
            _ = try await ignoringNotFound { try await aws.logs.deleteLogGroup(logGroupName: names.logGroup) }
        }
        try await changes.remove("ECS cluster \(names.cluster)", exists: try await context.findCluster() != nil) {
            _ = try await ignoringNotFound { try await aws.ecs.deleteCluster(cluster: names.cluster) }
        }
    }

    private func repositoryURI(_ name: String) async throws -> String? {
        try await ignoringNotFound { try await aws.ecr.describeRepositories(repositoryNames: [name]) }?.repositories
            .first?.repositoryUri
    }

    private func roleARN(_ role: String) async throws -> String? {
        try await ignoringNotFound { try await aws.iam.getRole(roleName: role) }?.Arn
    }

    private func hasLogGroup() async throws -> Bool {
        try await aws.logs.describeLogGroups(logGroupNamePrefix: names.logGroup).contains {
            $0.logGroupName == names.logGroup
        }
    }
}
