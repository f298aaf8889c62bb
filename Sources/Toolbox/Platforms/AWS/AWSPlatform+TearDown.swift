import ToolboxAWS
import ToolboxCore

/// `make destroy-infra` on AWS: everything tagged with the project, dependents first, waiting
/// where AWS needs it (load balancer, NAT gateways, instances). Deletes tolerate "not found", so
/// a second run, or a run after a failed one, finishes the job. The ECS cluster goes last: while
/// it exists, describe() reports a deployment and destroy-infra has something to finish.
extension AWSPlatform {
    public func tearDown() async throws {
        try await destroy(InfraChanges(dryRun: false))
    }

    /// What destroy-infra would delete, calling only describe and list APIs.
    public func planTearDown() async throws -> [String] {
        let changes = InfraChanges(dryRun: true)
        try await destroy(changes)
        return changes.planLines()
    }

    private func destroy(_ changes: InfraChanges) async throws {
        try await destroyServices(changes)
        // Whatever TRAFFIC_ROUTER says now, the router the project has is the one to delete.
        let existing = try await existingRouter()
        let built =
            existing.map {
                $0 == awsSettings.trafficRouter
                    ? router
                    : Self.router($0, aws: aws, names: names, settings: settings, awsSettings: awsSettings)
            } ?? router
        try await built.tearDown(changes)
        try await destroyLoadBalancer(changes)
        try await destroyDiscovery(changes)
        try await destroyNetwork(changes)
        try await destroyAccountResources(changes)
        try await changes.remove("ECS cluster \(names.cluster)", exists: try await findCluster() != nil) {
            _ = try await ignoringNotFound { try await aws.ecs.deleteCluster(cluster: names.cluster) }
        }
    }

    private func destroyServices(_ changes: InfraChanges) async throws {
        let ecs = aws.ecs
        for service in try await projectServices() {
            try await changes.remove("ECS service \(service.serviceName) and its tasks", exists: true) {
                for taskSet in service.taskSets ?? [] {
                    _ = try await ignoringNotFound {
                        try await ecs.deleteTaskSet(
                            cluster: names.cluster,
                            service: service.serviceName,
                            taskSet: taskSet.taskSetArn,
                            force: true
                        )
                    }
                }
                _ = try await ignoringNotFound {
                    try await ecs.deleteService(cluster: names.cluster, service: service.serviceName, force: true)
                }
            }
        }
        let deleted = try await projectServices().map(\.serviceName)
        if !changes.dryRun, !deleted.isEmpty {
            // The cluster cannot go while its services drain (their tasks stop first).
            try await poll("the ECS services to be deleted", timeout: 600) {
                let left = try await ecs.describeServices(cluster: names.cluster, services: Array(deleted.prefix(10)))
                    .services
                    .filter { $0.status == "ACTIVE" || $0.status == "DRAINING" }
                return left.isEmpty ? nil : "\(left.count) draining"
            }
        }
        for family in [names.serverFamily, names.clientFamily] {
            for definition in try await ecs.listTaskDefinitions(familyPrefix: family) {
                try await changes.remove("task definition \(definition.split(separator: "/").last ?? "")", exists: true)
                {
                    _ = try await ignoringNotFound {
                        try await ecs.deregisterTaskDefinition(taskDefinition: definition)
                    }
                }
            }
        }
    }

    private func destroyLoadBalancer(_ changes: InfraChanges) async throws {
        let elb = aws.elb
        if let loadBalancer = try await findLoadBalancer() {
            try await changes.remove("load balancer \(names.loadBalancer) and its listeners", exists: true) {
                for listener in try await elb.describeListeners(loadBalancerArn: loadBalancer.LoadBalancerArn) {
                    _ = try await ignoringNotFound { try await elb.deleteListener(arn: listener.ListenerArn) }
                }
                _ = try await ignoringNotFound { try await elb.deleteLoadBalancer(arn: loadBalancer.LoadBalancerArn) }
                try await poll("load balancer \(names.loadBalancer) to be deleted", timeout: 300) {
                    try await findLoadBalancer() == nil ? nil : "deleting"
                }
            }
        }
        let groups =
            try await ignoringNotFound { try await elb.describeTargetGroups(names: [names.clientTargetGroup]) } ?? []
        for group in groups {
            try await changes.remove("target group \(names.clientTargetGroup)", exists: true) {
                _ = try await ignoringNotFound { try await elb.deleteTargetGroup(arn: group.TargetGroupArn) }
            }
        }
    }

    private func destroyDiscovery(_ changes: InfraChanges) async throws {
        let cloudMap = aws.cloudMap
        guard let namespace = try await cloudMap.namespaceID(named: names.namespace) else { return }
        for service in try await cloudMap.listServices(namespaceId: namespace) {
            try await changes.remove(
                "Cloud Map service \(service.Name).\(names.namespace) and its instances",
                exists: true
            ) {
                for instance in try await cloudMap.listInstances(serviceId: service.Id) {
                    _ = try await ignoringNotFound {
                        try await cloudMap.deregisterInstance(serviceId: service.Id, instanceId: instance.Id)
                    }
                }
                try await whenFree("Cloud Map service \(service.Name)") {
                    _ = try await ignoringNotFound { try await cloudMap.deleteService(id: service.Id) }
                }
            }
        }
        try await changes.remove("Cloud Map namespace \(names.namespace)", exists: true) {
            guard let started = try await ignoringNotFound({ try await cloudMap.deleteNamespace(id: namespace) })
            else { return }
            try await poll("Cloud Map namespace \(names.namespace) to be deleted", timeout: 300) {
                let operation = try await cloudMap.getOperation(operationId: started.OperationId)
                if operation.Status == "FAIL" {
                    throw ToolboxError(
                        "Cloud Map could not delete \(names.namespace): \(operation.ErrorMessage ?? "no reason given")"
                    )
                }
                return operation.Status == "SUCCESS" ? nil : operation.Status
            }
        }
    }

    private func destroyNetwork(_ changes: InfraChanges) async throws {
        let ec2 = aws.ec2
        let tagged = [EC2.Filter.tag(AWSNames.projectTagKey, project)]
        let instances = try await ec2.describeInstances(
            filters: tagged + [
                .init(name: "instance-state-name", values: ["pending", "running", "stopping", "stopped"])
            ]
        )
        try await changes.remove(
            "bastion \(instances.map(\.instanceId).joined(separator: ", "))",
            exists: !instances.isEmpty
        ) {
            try await ec2.terminateInstances(ids: instances.map(\.instanceId))
            try await poll("the bastion to terminate", timeout: 600) {
                let states = try await ec2.describeInstances(ids: instances.map(\.instanceId)).compactMap(
                    \.instanceState?.name
                )
                return states.allSatisfy { $0 == "terminated" } ? nil : states.joined(separator: ", ")
            }
        }
        let gateways = try await ec2.describeNatGateways(filters: tagged).filter {
            $0.state != "deleted" && $0.state != "deleting"
        }
        for gateway in gateways {
            try await changes.remove("NAT gateway \(gateway.natGatewayId)", exists: true) {
                try await ec2.deleteNatGateway(natGatewayId: gateway.natGatewayId)
            }
        }
        if !changes.dryRun, !gateways.isEmpty {
            // Their addresses and subnets stay in use until the gateways are gone (a minute on AWS).
            try await poll("the NAT gateways to be deleted", timeout: 600) {
                let left = try await ec2.describeNatGateways(ids: gateways.map(\.natGatewayId)).filter {
                    $0.state != "deleted"
                }
                return left.isEmpty ? nil : "\(left.count) deleting"
            }
        }
        for address in try await ec2.describeAddresses(filters: tagged) {
            guard let allocation = address.allocationId else { continue }
            try await changes.remove("elastic IP \(address.publicIp ?? allocation)", exists: true) {
                try await ec2.releaseAddress(allocationId: allocation)
            }
        }
        for table in try await ec2.describeRouteTables(filters: tagged) {
            try await changes.remove("route table \(table.routeTableId)", exists: true) {
                for association in table.associationSet ?? [] where association.main != true {
                    if let id = association.routeTableAssociationId {
                        try await ec2.disassociateRouteTable(associationId: id)
                    }
                }
                try await ec2.deleteRouteTable(routeTableId: table.routeTableId)
            }
        }
        for gateway in try await ec2.describeInternetGateways(filters: tagged) {
            try await changes.remove("internet gateway \(gateway.internetGatewayId)", exists: true) {
                for attachment in gateway.attachmentSet ?? [] {
                    try await ec2.detachInternetGateway(
                        internetGatewayId: gateway.internetGatewayId,
                        vpcId: attachment.vpcId
                    )
                }
                try await whenFree("internet gateway \(gateway.internetGatewayId)") {
                    try await ec2.deleteInternetGateway(internetGatewayId: gateway.internetGatewayId)
                }
            }
        }
        for subnet in try await ec2.describeSubnets(filters: tagged) {
            try await changes.remove("subnet \(subnet.subnetId) (\(subnet.cidrBlock ?? ""))", exists: true) {
                try await whenFree("subnet \(subnet.subnetId)") {
                    try await ec2.deleteSubnet(subnetId: subnet.subnetId)
                }
            }
        }
        // Groups that refer to each other: drop them all, the referring ones first (bastion, tasks, then the ALB's).
        let groups = try await ec2.describeSecurityGroups(filters: tagged).sorted {
            ($0.groupName ?? "") < ($1.groupName ?? "")
        }.reversed()
        for group in groups {
            try await changes.remove("security group \(group.groupName ?? group.groupId)", exists: true) {
                try await whenFree("security group \(group.groupName ?? group.groupId)") {
                    try await ec2.deleteSecurityGroup(groupId: group.groupId)
                }
            }
        }
        for vpc in try await ec2.describeVpcs(filters: tagged) {
            try await changes.remove("VPC \(vpc.vpcId)", exists: true) {
                try await whenFree("VPC \(vpc.vpcId)") { try await ec2.deleteVpc(vpcId: vpc.vpcId) }
            }
        }
    }

    private func destroyAccountResources(_ changes: InfraChanges) async throws {
        for name in [names.serverRepository, names.clientRepository] {
            let exists =
                try await ignoringNotFound { try await aws.ecr.describeRepositories(repositoryNames: [name]) } != nil
            try await changes.remove("ECR repository \(name) and its images", exists: exists) {
                _ = try await ignoringNotFound { try await aws.ecr.deleteRepository(repositoryName: name, force: true) }
            }
        }
        for role in [names.taskRole, names.executionRole] {
            let exists = try await ignoringNotFound { try await aws.iam.getRole(roleName: role) } != nil
            try await changes.remove("IAM role \(role)", exists: exists) {
                for policy in try await aws.iam.listAttachedRolePolicies(roleName: role) {
                    try await aws.iam.detachRolePolicy(roleName: role, policyArn: policy.PolicyArn)
                }
                for policy in try await aws.iam.listRolePolicies(roleName: role) {
                    try await aws.iam.deleteRolePolicy(roleName: role, policyName: policy)
                }
                _ = try await ignoringNotFound { try await aws.iam.deleteRole(roleName: role) }
            }
        }
        let logGroup = try await aws.logs.describeLogGroups(logGroupNamePrefix: names.logGroup).contains {
            $0.logGroupName == names.logGroup
        }
        try await changes.remove("log group \(names.logGroup)", exists: logGroup) {
            _ = try await ignoringNotFound { try await aws.logs.deleteLogGroup(logGroupName: names.logGroup) }
        }
    }

    /// Retries a delete that AWS refuses while something still uses the resource (network
    /// interfaces of a deleted load balancer or of stopped tasks linger for minutes).
    private func whenFree(_ what: String, _ delete: () async throws -> Void) async throws {
        let busy: Set<String> = ["DependencyViolation", "ResourceInUse", "ResourceInUseException"]
        try await poll("\(what) to be free to delete", timeout: 900) {
            do {
                try await delete()
                return nil
            } catch let error as AWSError where busy.contains(error.code) {
                return error.code
            }
        }
    }
}
