import Foundation
import ToolboxAWS
import ToolboxCore

/// `make build-infra` on AWS: the original's three stacks (network, mesh, app), each resource
/// found by its tags or name before anything is created, so a second run creates nothing and a
/// run that failed halfway finishes the job. `plan` is the same walk with no mutating call.
extension AWSPlatform {
    public func bringUp(server: RevisionSource, client: RevisionSource) async throws -> Bool {
        let changes = InfraChanges(dryRun: false)
        try await build(server: server, client: client, changes)
        return changes.didChange
    }

    /// What build-infra would create or change, calling only describe and list APIs.
    public func planBringUp(server: RevisionSource, client: RevisionSource) async throws -> [String] {
        let changes = InfraChanges(dryRun: true)
        try await build(server: server, client: client, changes)
        return changes.planLines()
    }

    private func build(server: RevisionSource, client: RevisionSource, _ changes: InfraChanges) async throws {
        try await refuseRouterSwitch()
        if !changes.dryRun {
            Console.say(
                "Building the infrastructure of \(project) in \(awsSettings.region) (traffic router: \(awsSettings.trafficRouter.rawValue))..."
            )
        }
        let network = try await ensureNetwork(changes)
        try await ensureCluster(changes)
        let discovery = try await ensureDiscovery(changes, vpc: network.vpc)
        try await ensureRepositories(changes)
        let roles = try await ensureRoles(changes)
        try await ensureLogGroup(changes)
        try await router.ensureInfrastructure(changes, network: network)
        let targetGroup = try await ensureLoadBalancer(changes, network: network)
        let placement = RevisionPlacement(
            network: network.taskNetwork,
            registryArn: router.discovery == .tasks ? discovery.server : nil,
            taskRoleArn: roles.task,
            executionRoleArn: roles.execution
        )
        try await ensureFirstRevision(
            server,
            placement: placement,
            isNew: InfraChanges.isPlaceholder(discovery.server),
            changes
        )
        try await ensureClientService(
            client,
            placement: placement,
            clientRegistry: discovery.client,
            targetGroup: targetGroup,
            changes
        )
        if awsSettings.keyPair != nil {
            let address = try await ensureBastion(changes, network: network)
            if !changes.dryRun {
                Console.say("Bastion endpoint:")
                Console.say(address)
            }
        }
    }

    /// The first revision of the routed service, and the route sending it all traffic.
    /// `isNew`: the plan creates the Cloud Map service, so nothing of the server exists yet.
    private func ensureFirstRevision(
        _ source: RevisionSource,
        placement: RevisionPlacement,
        isNew: Bool,
        _ changes: InfraChanges
    ) async throws {
        let existing = isNew ? [] : try await serverServices()
        let tags = existing.compactMap { $0.tag(AWSNames.revisionTagKey) }
        // A revision left half-made by an interrupted run is the one to finish.
        let unfinished = existing.last.flatMap { $0.taskSets?.isEmpty ?? true ? $0.tag(AWSNames.revisionTagKey) : nil }
        guard existing.isEmpty || unfinished == source.tag else {
            if try await router.weights(of: tags) == nil, let first = tags.first {
                try await changes.converge("route \(names.route): 100% to \(first)", isDone: { false }) {
                    try await router.apply(.only(first))
                }
            }
            return
        }
        if changes.dryRun && isNew {
            let routed = awsSettings.trafficRouter == .alb ? "target group" : "virtual node"
            changes.record(
                .create(
                    "revision \(source.tag) of \(serverSpec.name): \(routed), task definition, EXTERNAL service, task set of \(settings.serverTasks) task(s)"
                )
            )
            changes.record(.create("route \(names.route): 100% to \(source.tag)"))
            return
        }
        _ = try await ensureRevision(source, count: settings.serverTasks, placement: placement, changes)
        try await changes.converge(
            "route \(names.route): 100% to \(source.tag)",
            // A revision staged at 0 (the ALB's target group joins at 0) still needs its traffic.
            isDone: { (try await router.weights(of: [source.tag])?[source.tag] ?? 0) > 0 }
        ) {
            try await router.apply(.only(source.tag))
        }
    }

    /// The clients: a task definition and an ECS service behind the public target group.
    private func ensureClientService(
        _ source: RevisionSource,
        placement: RevisionPlacement,
        clientRegistry: String,
        targetGroup: String,
        _ changes: InfraChanges
    ) async throws {
        let service = try await changes.ensure(
            "ECS service \(names.clientService) (\(settings.clientTasks) task(s) of \(source.artifact))",
            after: [clientRegistry, targetGroup]
        ) {
            try await findService(names.clientService)?.serviceArn
        } create: {
            let tags =
                names.ecsTags + [
                    .init(key: AWSNames.roleTagKey, value: "client"),
                    .init(key: AWSNames.revisionTagKey, value: source.tag),
                    .init(key: AWSNames.versionTagKey, value: source.version),
                    .init(key: AWSNames.commitTagKey, value: source.commit),
                    .init(key: AWSNames.createdTagKey, value: String(format: "%.3f", Date().timeIntervalSince1970)),
                ]
            let routing = try await router.clientRouting()
            let environment = source.environment.merging(
                ["PORT": String(clientSpec.port), "ECHO_HOST": router.serviceAddress].merging(routing.environment) { $1 }
            ) { $1 }
            let definitions = TaskDefinitions(
                names: names,
                settings: awsSettings,
                taskRoleArn: placement.taskRoleArn,
                executionRoleArn: placement.executionRoleArn
            )
            let definition = try await aws.ecs.registerTaskDefinition(
                definitions.register(
                    clientSpec,
                    family: names.clientFamily,
                    image: source.artifact.description,
                    environment: environment,
                    routing: routing,
                    tags: tags
                )
            ).taskDefinition
            return try await aws.ecs.createService(
                .init(
                    cluster: names.cluster,
                    serviceName: names.clientService,
                    taskDefinition: definition.taskDefinitionArn,
                    desiredCount: settings.clientTasks,
                    launchType: "FARGATE",
                    networkConfiguration: placement.network.addingSecurityGroups(routing.securityGroups),
                    serviceRegistries: [.init(registryArn: clientRegistry)],
                    loadBalancers: [
                        .init(
                            targetGroupArn: targetGroup,
                            containerName: clientSpec.name,
                            containerPort: clientSpec.port
                        )
                    ],
                    tags: tags
                )
            ).service.serviceArn
        }
        try await changes.converge(
            "desired count of \(names.clientService) to \(settings.clientTasks) (CLIENT_TASKS)",
            after: [service]
        ) {
            try await findService(names.clientService)?.desiredCount == settings.clientTasks
        } apply: {
            _ = try await aws.ecs.updateService(
                .init(cluster: names.cluster, service: names.clientService, desiredCount: settings.clientTasks)
            )
        }
    }

    /// The original's optional bastion, only with KEY_PAIR: SSH from anywhere into a public subnet.
    private func ensureBastion(_ changes: InfraChanges, network: NetworkIDs) async throws -> String {
        let group = try await securityGroups.ensure(
            changes,
            names.bastionSecurityGroup,
            vpc: network.vpc,
            purpose: "bastion: SSH from anywhere"
        ) { _ in
            [EC2.IpPermission(fromPort: 22, toPort: 22, cidrs: ["0.0.0.0/0"])]
        }
        let live = EC2.Filter(name: "instance-state-name", values: ["pending", "running"])
        let instance = try await changes.ensure(
            "bastion \(names.bastion) (key pair \(awsSettings.keyPair ?? ""))",
            after: [group, network.publicSubnets[0]]
        ) {
            try await aws.ec2.describeInstances(filters: names.ec2Filters(names.bastion) + [live]).first {
                names.isNamed($0.tagSet, names.bastion)
            }?.instanceId
        } create: {
            let started = try await aws.ec2.runInstances(
                imageId: awsSettings.bastionImage ?? "",
                instanceType: "t3.micro",
                subnetId: network.publicSubnets[0],
                securityGroupIds: [group],
                keyName: awsSettings.keyPair,
                tags: names.ec2Tags(names.bastion)
            )
            guard let id = started.first?.instanceId else { throw ToolboxError("EC2 started no bastion instance") }
            return id
        }
        guard !changes.dryRun else { return "" }
        var address = ""
        try await poll("the bastion's public address", timeout: 300) {
            address = try await aws.ec2.describeInstances(ids: [instance]).first?.ipAddress ?? ""
            return address.isEmpty ? "pending" : nil
        }
        return address
    }
}
