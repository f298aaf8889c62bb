import ToolboxAWS
import ToolboxCore

/// The original's app stack around the tasks: ECS cluster, Cloud Map namespace and services, ECR
/// repositories, IAM roles, the log group and the public ALB in front of the clients.
extension AWSPlatform {
    static let ecsTasksTrust = """
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ecs-tasks.amazonaws.com"},"Action":"sts:AssumeRole"}]}
        """
    static let executionPolicies = ["arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"]
    /// The routers add their own (App Mesh: the Envoy sidecar's access).
    static let taskPolicies = [
        "arn:aws:iam::aws:policy/CloudWatchFullAccess", "arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess",
    ]

    func ensureCluster(_ changes: InfraChanges) async throws {
        _ = try await changes.ensure("ECS cluster \(names.cluster)") {
            try await findCluster()
        } create: {
            let router = ECS.Tag(key: AWSNames.routerTagKey, value: awsSettings.trafficRouter.rawValue)
            return try await aws.ecs.createCluster(.init(clusterName: names.cluster, tags: names.ecsTags + [router]))
                .cluster.clusterArn
        }
    }

    func findCluster() async throws -> String? {
        try await aws.ecs.describeClusters(.init(clusters: [names.cluster])).clusters.first { $0.status == "ACTIVE" }?
            .clusterArn
    }

    /// The namespace `<project>.local` and a discovery service per ECS service; returns their ARNs.
    func ensureDiscovery(_ changes: InfraChanges, vpc: String) async throws -> (server: String, client: String) {
        let cloudMap = aws.cloudMap
        let namespace = try await changes.ensure("Cloud Map namespace \(names.namespace)", after: [vpc]) {
            try await cloudMap.namespaceID(named: names.namespace)
        } create: {
            let started = try await cloudMap.createPrivateDnsNamespace(
                .init(name: names.namespace, vpc: vpc, tags: names.cloudMapTags)
            )
            var namespaceID: String?
            try await poll("Cloud Map namespace \(names.namespace)", timeout: 300) {
                let operation = try await cloudMap.getOperation(operationId: started.OperationId)
                if operation.Status == "FAIL" {
                    throw ToolboxError(
                        "Cloud Map could not create \(names.namespace): \(operation.ErrorMessage ?? "no reason given")"
                    )
                }
                namespaceID = operation.Targets?["NAMESPACE"]
                return operation.Status == "SUCCESS" ? nil : operation.Status
            }
            guard let namespaceID else {
                throw ToolboxError("Cloud Map created \(names.namespace) but named no namespace id")
            }
            return namespaceID
        }
        var arns: [String] = []
        for name in [names.serverDiscovery, names.clientDiscovery] {
            let id = try await changes.ensure("Cloud Map service \(name).\(names.namespace)", after: [namespace]) {
                try await cloudMap.listServices(namespaceId: namespace).first { $0.Name == name }?.Id
            } create: {
                try await cloudMap.createService(discoveryService(name, namespace: namespace)).Id
            }
            arns.append(InfraChanges.isPlaceholder(id) ? id : (try await cloudMap.getService(id: id).Arn ?? id))
        }
        return (arns[0], arns[1])
    }

    /// A task's A record with custom health (ECS reports it), or for the routed service under
    /// an ALB router one weighted alias record to the load balancer (Cloud Map requires WEIGHTED
    /// and no custom health check for an alias).
    private func discoveryService(_ name: String, namespace: String) -> CloudMap.CreateServiceInput {
        guard name == names.serverDiscovery, router.discovery == .aliasToRouter else {
            return .init(name: name, namespaceId: namespace, tags: names.cloudMapTags)
        }
        return .init(
            name: name,
            namespaceId: namespace,
            dnsConfig: .init(routingPolicy: "WEIGHTED", dnsRecords: [.init(type: "A", ttl: 60)]),
            healthCheckCustomConfig: nil,
            tags: names.cloudMapTags
        )
    }

    func ensureRepositories(_ changes: InfraChanges) async throws {
        for name in [names.serverRepository, names.clientRepository] {
            _ = try await changes.ensure("ECR repository \(name)") {
                try await ignoringNotFound { try await aws.ecr.describeRepositories(repositoryNames: [name]) }?
                    .repositories.first?.repositoryUri
            } create: {
                try await aws.ecr.createRepository(repositoryName: name, tags: names.ecrTags).repository.repositoryUri
            }
        }
    }

    /// The execution role (pull images, write logs) and the task role (logs, traces).
    func ensureRoles(_ changes: InfraChanges) async throws -> (task: String, execution: String) {
        var arns: [String] = []
        for (role, policies) in [(names.taskRole, Self.taskPolicies), (names.executionRole, Self.executionPolicies)] {
            let arn = try await changes.ensure("IAM role \(role)") {
                try await ignoringNotFound { try await aws.iam.getRole(roleName: role) }?.Arn
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
        return (arns[0], arns[1])
    }

    func ensureLogGroup(_ changes: InfraChanges) async throws {
        _ = try await changes.ensure("log group \(names.logGroup)") {
            try await aws.logs.describeLogGroups(logGroupNamePrefix: names.logGroup).first {
                $0.logGroupName == names.logGroup
            }?.logGroupName
        } create: {
            try await aws.logs.createLogGroup(logGroupName: names.logGroup, tags: names.logTags)
            try await aws.logs.putRetentionPolicy(logGroupName: names.logGroup, retentionInDays: 7)
            return names.logGroup
        }
    }

    /// The public ALB on port 80 and the clients' target group (health check `/ping`); returns the group's ARN.
    func ensureLoadBalancer(_ changes: InfraChanges, network: NetworkIDs) async throws -> String {
        let elb = aws.elb
        let loadBalancer = try await changes.ensure(
            "load balancer \(names.loadBalancer)",
            after: network.publicSubnets + [network.loadBalancerSecurityGroup]
        ) {
            try await findLoadBalancer()?.LoadBalancerArn
        } create: {
            try await elb.createLoadBalancer(
                name: names.loadBalancer,
                subnets: network.publicSubnets,
                securityGroups: [network.loadBalancerSecurityGroup],
                tags: names.elbTags
            ).LoadBalancerArn
        }
        let targetGroup = try await changes.ensure(
            "target group \(names.clientTargetGroup) (HTTP \(clientSpec.port), health check \(clientSpec.healthPath ?? "/"))",
            after: [network.vpc]
        ) {
            try await ignoringNotFound { try await elb.describeTargetGroups(names: [names.clientTargetGroup]) }?.first?
                .TargetGroupArn
        } create: {
            try await elb.createTargetGroup(
                .init(
                    name: names.clientTargetGroup,
                    protocol: "HTTP",
                    port: clientSpec.port,
                    vpcId: network.vpc,
                    healthCheckProtocol: "HTTP",
                    healthCheckPath: clientSpec.healthPath,
                    timing: .rollout,
                    matcher: .init(httpCode: "200"),
                    tags: names.elbTags
                )
            ).TargetGroupArn
        }
        try await changes.converge(
            "listener HTTP 80 on \(names.loadBalancer) forwarding to \(names.clientTargetGroup)",
            after: [loadBalancer, targetGroup]
        ) {
            try await elb.describeListeners(loadBalancerArn: loadBalancer).contains { $0.Port == 80 }
        } apply: {
            _ = try await elb.createListener(
                loadBalancerArn: loadBalancer,
                protocol: "HTTP",
                port: 80,
                defaultActions: [.init(type: "forward", targetGroupArn: targetGroup)],
                tags: names.elbTags
            )
        }
        return targetGroup
    }

    func findLoadBalancer() async throws -> ELBv2.LoadBalancer? {
        try await ignoringNotFound { try await aws.elb.describeLoadBalancers(names: [names.loadBalancer]) }?.first
    }
}
