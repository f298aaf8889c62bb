import Foundation
import ToolboxAWS
import ToolboxCore

/// What a new revision's task set is placed into: the running version's network and Cloud Map
/// registry (as the original copied them; none when the router answers the name), and the roles
/// its task definition names.
struct RevisionPlacement: Sendable {
    var network: ECS.NetworkConfiguration
    var registryArn: String?
    var taskRoleArn: String
    var executionRoleArn: String
}

/// The original's update sequence, one revision at a time: virtual node, task definition,
/// EXTERNAL service, task set; then the waits, and the retirement it left as work in progress.
extension AWSPlatform {
    public func startRevision(_ source: RevisionSource, count: Int) async throws -> Revision {
        knownRevisions.forget()
        try await refuseRouterSwitch()
        let services = try await serverServices()
        if let existing = services.first(where: { $0.tag(AWSNames.revisionTagKey) == source.tag }) {
            throw ToolboxError.refused(
                "revision \(existing.tag(AWSNames.revisionTagKey) ?? source.tag) is already deployed; commit a change or set another VERSION"
            )
        }
        guard let running = services.last, let taskSet = running.taskSets?.first,
            let network = taskSet.networkConfiguration, network.awsvpcConfiguration != nil
        else {
            throw ToolboxError.refused(
                "no running revision of \(serverSpec.name) with a task set to copy the network from; run make build-infra first"
            )
        }
        let placement = RevisionPlacement(
            network: network,
            registryArn: taskSet.serviceRegistries?.first?.registryArn,
            taskRoleArn: try await aws.iam.getRole(roleName: names.taskRole).Arn,
            executionRoleArn: try await aws.iam.getRole(roleName: names.executionRole).Arn
        )
        let revision = try await ensureRevision(source, count: count, placement: placement, InfraChanges(dryRun: false))
        // As the original: the new node joins the route at weight 0 before any traffic moves.
        // The new revision may be in the router already (an ALB target group joins at 0 to be usable).
        let tags = services.compactMap { $0.tag(AWSNames.revisionTagKey) } + [source.tag]
        if let weights = try await router.weights(of: tags) {
            try await router.apply(try Self.route(weights, order: tags).addingStaged(source.tag))
        }
        return revision
    }

    /// Finds or creates each part of the revision, so a run interrupted halfway finishes it.
    func ensureRevision(_ source: RevisionSource, count: Int, placement: RevisionPlacement, _ changes: InfraChanges)
        async throws -> Revision
    {
        let created = Date()
        let routing = try await router.addRevision(source.tag, changes)
        let network = placement.network.addingSecurityGroups(routing.securityGroups)
        let serviceName = names.serverService(source.tag)
        let tags =
            names.ecsTags + [
                .init(key: AWSNames.roleTagKey, value: "server"),
                .init(key: AWSNames.revisionTagKey, value: source.tag),
                .init(key: AWSNames.versionTagKey, value: source.version),
                .init(key: AWSNames.commitTagKey, value: source.commit),
                .init(key: AWSNames.createdTagKey, value: String(format: "%.3f", created.timeIntervalSince1970)),
            ]
        let service = try await changes.ensure(
            "ECS service \(serviceName) (EXTERNAL deployment controller, \(count) task(s))"
        ) {
            try await findService(serviceName)?.serviceArn
        } create: {
            // A task set runs desiredCount x its scale tasks: without the count (as the original's
            // --desired-count) ECS takes 0, and a task set at 100% would run none.
            try await aws.ecs.createService(
                .init(
                    cluster: names.cluster,
                    serviceName: serviceName,
                    desiredCount: count,
                    deploymentController: .init(type: "EXTERNAL"),
                    tags: tags
                )
            ).service.serviceArn
        }
        _ = try await changes.ensure(
            "task set of \(serviceName) (\(count) task(s) of \(source.artifact))",
            after: [service]
        ) {
            try await findService(serviceName)?.taskSets?.first?.taskSetArn
        } create: {
            var environment = source.environment.merging(routing.environment) { $1 }
            environment["PORT"] = String(serverSpec.port)
            if let key = serverSpec.versionEnvironmentKey { environment[key] = source.version }
            let definitions = TaskDefinitions(
                names: names,
                settings: awsSettings,
                taskRoleArn: placement.taskRoleArn,
                executionRoleArn: placement.executionRoleArn
            )
            let registered = try await aws.ecs.registerTaskDefinition(
                definitions.register(
                    serverSpec,
                    family: names.serverFamily,
                    image: source.artifact.description,
                    environment: environment,
                    routing: routing,
                    tags: tags
                )
            )
            let definition = registered.taskDefinition
            Console.say(
                "Registered task definition \(definition.family ?? names.serverFamily):\(definition.revision ?? 0) (image \(source.artifact))"
            )
            return try await aws.ecs.createTaskSet(
                .init(
                    cluster: names.cluster,
                    service: serviceName,
                    taskDefinition: definition.taskDefinitionArn,
                    externalId: source.tag,
                    networkConfiguration: network,
                    serviceRegistries: placement.registryArn.map { [.init(registryArn: $0)] },
                    loadBalancers: routing.loadBalancers.isEmpty ? nil : routing.loadBalancers,
                    scale: .init(value: 100),
                    tags: names.ecsTags
                )
            ).taskSet.taskSetArn
        }
        return Revision(tag: source.tag, version: source.version, commit: source.commit, createdAt: created)
    }

    /// RUNNING tasks in ECS and HEALTHY instances in the router's view, with a line per change.
    public func waitUntilHealthy(_ revision: Revision, timeout: Double) async throws {
        let wanted = settings.serverTasks
        let started = ContinuousClock.now
        defer { waits.add(ContinuousClock.now - started) }
        let deadline = Date().addingTimeInterval(timeout)
        var reported = ""
        while true {
            let running = try await tasks(of: revision.tag).filter { $0.lastStatus == "RUNNING" }.count
            let healthy = try await router.targetHealth().filter {
                $0.revision == revision.tag && $0.state == "HEALTHY"
            }.count
            let line =
                running >= wanted && healthy >= wanted
                ? "Tasks started"
                : "Tasks are starting (\(min(running, wanted))/\(wanted) RUNNING, \(min(healthy, wanted))/\(wanted) HEALTHY)..."
            if line != reported {
                Console.say(line)
                reported = line
            }
            if running >= wanted && healthy >= wanted { return }
            guard Date() < deadline else {
                throw ToolboxError(
                    "revision \(revision.tag) did not become healthy within \(Int(timeout))s: \(running)/\(wanted) tasks RUNNING, \(healthy)/\(wanted) HEALTHY in the \(router.healthSource)"
                )
            }
            try await Task.sleep(for: .seconds(pollInterval))
        }
    }

    public func applyRoute(_ route: Route) async throws {
        // The revisions this command's describe() just read, else ask ECS.
        var deployed = Set(knownRevisions.get() ?? [])
        if knownRevisions.get() == nil {
            deployed = Set(try await serverServices().compactMap { $0.tag(AWSNames.revisionTagKey) })
        }
        try await refuseRouterSwitch()
        for target in route.targets where !deployed.contains(target.revision) {
            throw ToolboxError.refused("the route names revision \(target.revision), which is not deployed")
        }
        try await router.apply(route)
    }

    /// Out of the route, task set scaled to zero (its tasks stop), task set and service deleted,
    /// routing resource deleted, task definition deregistered. Each step tolerates one already done.
    public func retire(_ revision: Revision) async throws {
        knownRevisions.forget()
        let services = try await serverServices()
        let tags = services.compactMap { $0.tag(AWSNames.revisionTagKey) }
        if let weights = try await router.weights(of: tags), weights[revision.tag] != nil {
            try await router.apply(try Self.route(weights, order: tags).removing(revision.tag))
        }
        let serviceName = names.serverService(revision.tag)
        if let service = try await findService(serviceName) {
            for taskSet in service.taskSets ?? [] {
                _ = try await ignoringNotFound {
                    try await aws.ecs.updateTaskSet(
                        cluster: names.cluster,
                        service: serviceName,
                        taskSet: taskSet.taskSetArn,
                        scale: .init(value: 0)
                    )
                }
                do {
                    try await poll("the tasks of \(revision.tag) to stop", timeout: awsSettings.drainTimeoutSeconds) {
                        let left = try await tasks(of: revision.tag).filter { $0.lastStatus != "STOPPED" }.count
                        return left == 0 ? nil : "\(left) still running"
                    }
                } catch let error as ToolboxError {
                    Console.say("\(error.description); deleting the task set stops them")
                }
                _ = try await ignoringNotFound {
                    try await aws.ecs.deleteTaskSet(
                        cluster: names.cluster,
                        service: serviceName,
                        taskSet: taskSet.taskSetArn,
                        force: true
                    )
                }
                if let definition = taskSet.taskDefinition {
                    _ = try await ignoringNotFound {
                        try await aws.ecs.deregisterTaskDefinition(taskDefinition: definition)
                    }
                }
            }
            _ = try await ignoringNotFound {
                try await aws.ecs.deleteService(cluster: names.cluster, service: serviceName, force: true)
            }
        }
        try await router.removeRevision(revision.tag)
    }
}
