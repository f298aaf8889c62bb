import ToolboxAWS
import ToolboxCore

/// The original's app stack around the tasks: the routed service's first revision with the route
/// sending it all traffic, and the clients' service behind the public load balancer, both placed
/// by `RevisionDeployer`.
struct ServicesStack: InfraStack {
    let context: AWSContext
    let router: any TrafficRouter
    let server: ServiceSpec
    let client: ServiceSpec

    private var names: AWSNames { context.names }
    private var settings: ToolboxSettings { context.settings }
    private var deployer: RevisionDeployer { RevisionDeployer(context: context, router: router) }

    func ensure(_ changes: InfraChanges, _ build: inout InfraBuild) async throws {
        let network = try InfraBuild.required(build.network, "the network")
        let roles = try InfraBuild.required(build.roles, "the IAM roles")
        let discovery = try InfraBuild.required(build.discovery, "Cloud Map")
        let placement = RevisionPlacement(
            network: network.taskNetwork,
            registryArn: router.discovery == .tasks ? discovery.server : nil,
            taskRoleArn: roles.task,
            executionRoleArn: roles.execution
        )
        try await ensureFirstRevision(
            build.server,
            placement: placement,
            isNew: InfraChanges.isPlaceholder(discovery.server),
            changes
        )
        try await deployer.deployClients(
            build.client,
            of: client,
            count: client.tasks,
            placement: placement,
            targetGroup: try InfraBuild.required(build.clientTargetGroup, "the public load balancer"),
            registry: discovery.client,
            changes
        )
    }

    /// The first revision of the routed service, and the route sending it all traffic.
    /// `isNew`: the plan creates the Cloud Map service, so nothing of the server exists yet.
    private func ensureFirstRevision(
        _ source: RevisionSource,
        placement: RevisionPlacement,
        isNew: Bool,
        _ changes: InfraChanges
    ) async throws {
        let existing = isNew ? [] : try await context.serverServices()
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
            let routed = context.awsSettings.trafficRouter == .alb ? "target group" : "virtual node"
            changes.record(
                .create(
                    "revision \(source.tag) of \(server.name): \(routed), task definition, EXTERNAL service, task set of \(server.tasks) task(s)"
                )
            )
            changes.record(.create("route \(names.route): 100% to \(source.tag)"))
            return
        }
        _ = try await deployer.deployRevision(
            source,
            of: server,
            count: server.tasks,
            placement: placement,
            changes
        )
        try await changes.converge(
            "route \(names.route): 100% to \(source.tag)",
            // A revision staged at 0 (the ALB's target group joins at 0) still needs its traffic.
            isDone: { (try await router.weights(of: [source.tag])?[source.tag] ?? 0) > 0 }
        ) {
            try await router.apply(.only(source.tag))
        }
    }

    /// Every service of the cluster (nil without one), with its task sets.
    func find() async throws -> [ECS.Service]? {
        try await context.projectServicesIfClusterExists()
    }

    /// Every service of the cluster and its tasks, then the task definitions of both families.
    func destroy(_ changes: InfraChanges) async throws {
        let ecs = context.aws.ecs
        for service in try await context.projectServices() {
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
        let deleted = try await context.projectServices().map(\.serviceName)
        if !changes.dryRun, !deleted.isEmpty {
            // The cluster cannot go while its services drain (their tasks stop first).
            try await context.poll("the ECS services to be deleted", timeout: 600) {
                let left = try await ecs.describeServices(cluster: names.cluster, services: Array(deleted.prefix(10)))
                    .services
                    .filter { $0.status == "ACTIVE" || $0.status == "DRAINING" }
                return left.isEmpty ? nil : "\(left.count) draining"
            }
        }
        for family in [names.serverFamily, names.clientFamily] {
            for definition in try await ecs.listTaskDefinitions(familyPrefix: family) {
                let what = "task definition \(definition.split(separator: "/").last ?? "")"
                try await changes.remove(what, exists: true) {
                    _ = try await ignoringNotFound {
                        try await ecs.deregisterTaskDefinition(taskDefinition: definition)
                    }
                }
            }
        }
    }
}
