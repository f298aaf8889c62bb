import Foundation
import ToolboxAWS
import ToolboxCore

/// The deployment as AWS holds it: revisions from the tagged ECS services, tasks from ECS,
/// weights from the router, endpoints from the load balancer and the mesh.
extension AWSPlatform {
    /// Six calls whatever the number of revisions (services, their tasks, the route, the load
    /// balancer), all but one at once: `make shift` and `make status` pay for them as whole processes.
    public func describe() async throws -> Deployment? {
        async let allTasks = ignoringNotFound {
            try await context.describeTasks(.init(cluster: names.cluster, desiredStatus: "RUNNING"))
        }
        async let loadBalancer = PublicLoadBalancerStack(context: context, client: clientSpec).find()
        async let targetWeights = router.targetWeights()
        guard let services = try await context.projectServicesIfClusterExists() else { return nil }
        let serverServices = AWSContext.servers(among: services)
        let tasks = (try await allTasks ?? []).filter { $0.lastStatus != "STOPPED" }
        var revisions: [Revision] = []
        for service in serverServices {
            guard let tag = service.tag(AWSNames.revisionTagKey) else { continue }
            var revision = revision(of: service, tag: tag)
            let taskSetIDs = Set((service.taskSets ?? []).compactMap(\.id))
            revision.tasks = tasks.filter { taskSetIDs.contains($0.startedBy ?? "") }.map {
                taskRecord($0, port: serverSpec.port)
            }
            revisions.append(revision)
        }
        let tags = revisions.map(\.tag)
        context.remember(\.revisions, tags)
        let route =
            try await targetWeights.map { try Self.route(router.byRevision($0, tags: tags), order: tags) } ?? Route()
        var client = ServiceDeployment(spec: clientSpec)
        if let service = services.first(where: { $0.tag(AWSNames.roleTagKey) == "client" }) {
            let tag = service.tag(AWSNames.revisionTagKey) ?? "unknown"
            var revision = revision(of: service, tag: tag)
            revision.tasks = tasks.filter {
                $0.taskDefinitionArn?.contains(":task-definition/\(names.clientFamily):") == true
            }
            .map { taskRecord($0, port: clientSpec.port) }
            client.revisions = [revision]
            client.route = .only(tag)
        }
        let endpoint = try await loadBalancer?.DNSName.map { "http://\($0)" } ?? ""
        return Deployment(
            projectName: project,
            target: .aws,
            publicEndpoint: endpoint,
            virtualServiceAddress: router.serviceAddress,
            server: ServiceDeployment(spec: serverSpec, revisions: revisions, route: route),
            client: client
        )
    }

    private func revision(of service: ECS.Service, tag: String) -> Revision {
        let created =
            Double(service.tag(AWSNames.createdTagKey) ?? "").map(Date.init(timeIntervalSince1970:))
            ?? Date(timeIntervalSince1970: 0)
        return Revision(
            tag: tag,
            version: service.tag(AWSNames.versionTagKey) ?? "?",
            commit: service.tag(AWSNames.commitTagKey) ?? "?",
            createdAt: created
        )
    }

    private func taskRecord(_ task: ECS.Task, port: Int) -> TaskRecord {
        TaskRecord(name: task.id, address: task.privateAddress ?? "", port: port, arn: task.taskArn)
    }

    /// Each task's health for the rollout's gates and status: "UP" when ECS runs it and, for the
    /// routed service, the router has it HEALTHY (Cloud Map for App Mesh's virtual nodes, the
    /// revision's target group for the ALB); "DOWN" otherwise.
    public func taskHealth() async throws -> [String: TaskHealth] {
        async let routed = router.targetHealth()
        guard let services = try await context.projectServicesIfClusterExists() else { return [:] }
        let tasks =
            try await ignoringNotFound {
                try await context.describeTasks(.init(cluster: names.cluster, desiredStatus: "RUNNING"))
            } ?? []
        let serverTaskSets = Set(
            services.filter { $0.tag(AWSNames.roleTagKey) == "server" }.flatMap { $0.taskSets ?? [] }.compactMap(\.id)
        )
        // A router that knows tasks by address (an ALB's ip targets) is matched on that.
        let routedState = Dictionary(
            try await routed.map { ($0.taskID, $0.state) },
            uniquingKeysWith: { first, _ in first }
        )
        let source = router.healthSource
        var health: [String: TaskHealth] = [:]
        for task in tasks where task.lastStatus != "STOPPED" {
            let status = task.lastStatus ?? "UNKNOWN"
            if serverTaskSets.contains(task.startedBy ?? "") {
                let state = routedState[task.id] ?? task.privateAddress.flatMap { routedState[$0] } ?? "not registered"
                let kind: TaskHealth.State =
                    status == "RUNNING" && state == "HEALTHY" ? .up : state == "DRAINING" ? .draining : .down
                health[task.id] = TaskHealth(kind, "\(kind == .up ? "UP" : "DOWN") (\(status), \(state) in \(source))")
            } else {
                health[task.id] = TaskHealth(status == "RUNNING" ? .up : .down, "\(status == "RUNNING" ? "UP" : "DOWN") (\(status))")
            }
        }
        return health
    }
}
