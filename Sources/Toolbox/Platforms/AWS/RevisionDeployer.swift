import Foundation
import ToolboxAWS
import ToolboxCore

/// What a revision's tasks are placed into: the network and Cloud Map registry (the routed
/// service's new revisions copy the running one's, as the original did; none when the router
/// answers the name), and the roles its task definition names.
struct RevisionPlacement: Sendable {
    var network: ECS.NetworkConfiguration
    var registryArn: String?
    var taskRoleArn: String
    var executionRoleArn: String
}

/// Deploys a revision of a service, for build-infra and for every update: a task definition built
/// from the toolbox's own typed values and a tagged ECS service (the tags carry the revision,
/// version, commit and creation time describe() reads back). The routed service gets an EXTERNAL
/// service per revision and one task set in it, which the router weighs against the others; the
/// clients one service run by ECS's own controller behind the public load balancer. Each part is
/// found before it is created, so a run interrupted halfway finishes it.
struct RevisionDeployer: Sendable {
    let context: AWSContext
    let router: any TrafficRouter

    private var names: AWSNames { context.names }
    private var ecs: ECS { context.aws.ecs }

    /// One revision of one service, as the ECS calls need it.
    private struct Unit {
        var source: RevisionSource
        var spec: ServiceSpec
        var family: String
        var service: String
        var count: Int
        var placement: RevisionPlacement
        var routing: RevisionRouting
        var tags: [ECS.Tag]

        var network: ECS.NetworkConfiguration { placement.network.addingSecurityGroups(routing.securityGroups) }
    }

    /// A new revision of the routed service, `count` tasks, with its routing resource at weight 0.
    func deployRevision(
        _ source: RevisionSource,
        of spec: ServiceSpec,
        count: Int,
        placement: RevisionPlacement,
        _ changes: InfraChanges
    ) async throws -> Revision {
        let created = Date()
        let routing = try await router.addRevision(source.tag, changes)
        let unit = Unit(
            source: source, spec: spec, family: names.serverFamily, service: names.serverService(source.tag),
            count: count, placement: placement, routing: routing, tags: tags(source, role: "server", created: created)
        )
        try await ensureTaskSet(unit, changes)
        return Revision(tag: source.tag, version: source.version, commit: source.commit, createdAt: created)
    }

    /// The clients' service, `count` tasks behind `targetGroup`, registered in `registry`, reaching
    /// the routed service the router's way.
    func deployClients(
        _ source: RevisionSource,
        of spec: ServiceSpec,
        count: Int,
        placement: RevisionPlacement,
        targetGroup: String,
        registry: String,
        _ changes: InfraChanges
    ) async throws {
        let service = try await changes.ensure(
            "ECS service \(names.clientService) (\(count) task(s) of \(source.artifact))",
            after: [registry, targetGroup]
        ) {
            try await context.findService(names.clientService)?.serviceArn
        } create: {
            var routing = try await router.clientRouting()
            // How the clients reach the routed service: the names its configuration declares.
            let caller = context.settings.services.server.callerEnvironment?.values(
                address: router.serviceAddress, canaryHeader: context.settings.canaryHeader)
            routing.environment = (caller ?? [:]).merging(routing.environment) { $1 }
            var unit = Unit(
                source: source, spec: spec, family: names.clientFamily, service: names.clientService, count: count,
                placement: placement, routing: routing, tags: tags(source, role: "client", created: Date())
            )
            unit.routing.loadBalancers = [
                .init(targetGroupArn: targetGroup, containerName: spec.name, containerPort: spec.port)
            ]
            unit.placement.registryArn = registry
            return try await createService(unit)
        }
        try await changes.converge(
            "desired count of \(names.clientService) to \(count) (CLIENT_TASKS)",
            after: [service]
        ) {
            try await context.findService(names.clientService)?.desiredCount == count
        } apply: {
            _ = try await ecs.updateService(
                .init(cluster: names.cluster, service: names.clientService, desiredCount: count)
            )
        }
    }

    /// An EXTERNAL service and its one task set, registered where the router says.
    private func ensureTaskSet(_ unit: Unit, _ changes: InfraChanges) async throws {
        let service = try await changes.ensure(
            "ECS service \(unit.service) (EXTERNAL deployment controller, \(unit.count) task(s))"
        ) {
            try await context.findService(unit.service)?.serviceArn
        } create: {
            // A task set runs desiredCount x its scale tasks: without the count (as the original's
            // --desired-count) ECS takes 0, and a task set at 100% would run none.
            try await ecs.createService(
                .init(
                    cluster: names.cluster,
                    serviceName: unit.service,
                    desiredCount: unit.count,
                    deploymentController: .init(type: "EXTERNAL"),
                    tags: unit.tags
                )
            ).service.serviceArn
        }
        _ = try await changes.ensure(
            "task set of \(unit.service) (\(unit.count) task(s) of \(unit.source.artifact))",
            after: [service]
        ) {
            try await context.findService(unit.service)?.taskSets?.first?.taskSetArn
        } create: {
            try await ecs.createTaskSet(
                .init(
                    cluster: names.cluster,
                    service: unit.service,
                    taskDefinition: try await register(unit),
                    externalId: unit.source.tag,
                    networkConfiguration: unit.network,
                    serviceRegistries: unit.placement.registryArn.map { [.init(registryArn: $0)] },
                    loadBalancers: unit.routing.loadBalancers.isEmpty ? nil : unit.routing.loadBalancers,
                    scale: .init(value: 100),
                    tags: names.ecsTags
                )
            ).taskSet.taskSetArn
        }
    }

    /// A service whose tasks ECS's own controller runs; returns its ARN.
    private func createService(_ unit: Unit) async throws -> String {
        try await ecs.createService(
            .init(
                cluster: names.cluster,
                serviceName: unit.service,
                taskDefinition: try await register(unit),
                desiredCount: unit.count,
                launchType: "FARGATE",
                networkConfiguration: unit.network,
                serviceRegistries: unit.placement.registryArn.map { [.init(registryArn: $0)] },
                loadBalancers: unit.routing.loadBalancers,
                tags: unit.tags
            )
        ).service.serviceArn
    }

    /// Registers the revision's task definition; returns its ARN.
    private func register(_ unit: Unit) async throws -> String {
        var environment = unit.source.environment.merging(unit.routing.environment) { $1 }
        environment["PORT"] = String(unit.spec.port)
        if let key = unit.spec.versionEnvironmentKey { environment[key] = unit.source.version }
        if let metrics = unit.spec.metrics {
            environment.merge(metrics.environment(service: unit.spec.name, revision: unit.source.tag, intervalSeconds: 5)) { $1 }
        }
        let definitions = TaskDefinitions(
            names: names,
            settings: context.awsSettings,
            taskRoleArn: unit.placement.taskRoleArn,
            executionRoleArn: unit.placement.executionRoleArn
        )
        let input = definitions.register(
            unit.spec,
            family: unit.family,
            image: unit.source.artifact.description,
            environment: environment,
            routing: unit.routing,
            tags: unit.tags
        )
        let definition = try await ecs.registerTaskDefinition(input).taskDefinition
        Console.say(
            "Registered task definition \(definition.family ?? unit.family):\(definition.revision ?? 0) (image \(unit.source.artifact))"
        )
        return definition.taskDefinitionArn
    }

    /// The tags describe() reads a revision back from.
    private func tags(_ source: RevisionSource, role: String, created: Date) -> [ECS.Tag] {
        names.ecsTags + [
            .init(key: AWSNames.roleTagKey, value: role),
            .init(key: AWSNames.revisionTagKey, value: source.tag),
            .init(key: AWSNames.versionTagKey, value: source.version),
            .init(key: AWSNames.commitTagKey, value: source.commit),
            .init(key: AWSNames.createdTagKey, value: String(format: "%.3f", created.timeIntervalSince1970)),
        ]
    }
}
