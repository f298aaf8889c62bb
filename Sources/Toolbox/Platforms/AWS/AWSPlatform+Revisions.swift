import Foundation
import ToolboxAWS
import ToolboxCore

/// The original's update sequence, one revision at a time: virtual node, task definition,
/// EXTERNAL service, task set; then the waits, and the retirement it left as work in progress.
extension AWSPlatform {
    /// The router's weights as a validated `Route`, revisions in deployment order (then any other target).
    static func route(_ weights: [String: Int], order: [String]) throws(ToolboxError) -> Route {
        let known = order.filter { weights[$0] != nil }
        let others = weights.keys.filter { !order.contains($0) }.sorted()
        return try Route((known + others).map { ($0, weights[$0] ?? 0) })
    }

    public func startRevision(_ source: RevisionSource, count: Int) async throws -> Revision {
        context.forgetRevisions()
        try await refuseRouterSwitch()
        let services = try await context.serverServices()
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
        guard let roles = try await ClusterStack(context: context).find() else {
            throw ToolboxError.refused("the IAM roles \(names.taskRole) and \(names.executionRole) are missing; run make build-infra")
        }
        let placement = RevisionPlacement(
            network: network,
            registryArn: taskSet.serviceRegistries?.first?.registryArn,
            taskRoleArn: roles.task,
            executionRoleArn: roles.execution
        )
        let deployer = RevisionDeployer(context: context, router: router)
        let revision = try await deployer.deployRevision(
            source,
            of: serverSpec,
            count: count,
            placement: placement,
            InfraChanges(dryRun: false)
        )
        // As the original: the new node joins the route at weight 0 before any traffic moves.
        // The new revision may be in the router already (an ALB target group joins at 0 to be usable).
        let tags = services.compactMap { $0.tag(AWSNames.revisionTagKey) } + [source.tag]
        if let weights = try await router.weights(of: tags) {
            try await router.apply(try Self.route(weights, order: tags).addingStaged(source.tag))
        }
        return revision
    }

    /// RUNNING tasks in ECS and HEALTHY instances in the router's view, with a line per change.
    public func waitUntilHealthy(_ revision: Revision, timeout: Double) async throws {
        let wanted = serverSpec.tasks
        let started = ContinuousClock.now
        defer { context.recordWait(since: started) }
        let deadline = Date().addingTimeInterval(timeout)
        var reported = ""
        while true {
            let running = try await context.tasks(of: revision.tag).filter { $0.lastStatus == "RUNNING" }.count
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
            try await Task.sleep(for: .seconds(context.pollInterval))
        }
    }

    public func applyRoute(_ route: Route) async throws {
        // The revisions this command's describe() just read, else ask ECS.
        var tags = context.remembered(\.revisions)
        if tags == nil { tags = try await context.serverServices().compactMap { $0.tag(AWSNames.revisionTagKey) } }
        let deployed = Set(tags ?? [])
        try await refuseRouterSwitch()
        for target in route.targets where !deployed.contains(target.revision) {
            throw ToolboxError.refused("the route names revision \(target.revision), which is not deployed")
        }
        try await router.apply(route)
    }

    /// Out of the route, task set scaled to zero (its tasks stop), task set and service deleted,
    /// routing resource deleted, task definition deregistered. Each step tolerates one already done.
    public func retire(_ revision: Revision) async throws {
        context.forgetRevisions()
        let services = try await context.serverServices()
        let tags = services.compactMap { $0.tag(AWSNames.revisionTagKey) }
        if let weights = try await router.weights(of: tags), weights[revision.tag] != nil {
            try await router.apply(try Self.route(weights, order: tags).removing(revision.tag))
        }
        let serviceName = names.serverService(revision.tag)
        if let service = try await context.findService(serviceName) {
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
                    try await context.poll("the tasks of \(revision.tag) to stop", timeout: awsSettings.drainTimeoutSeconds) {
                        let left = try await context.tasks(of: revision.tag).filter { $0.lastStatus != "STOPPED" }.count
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
