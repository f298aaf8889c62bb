import ToolboxAWS
import ToolboxCore

/// Reading the deployment back from AWS: the revisions' ECS services (their tags carry the
/// revision, version, commit and creation time), their task sets and tasks.
extension AWSContext {
    /// The cluster's ARN while it is ACTIVE (it is created first and deleted last).
    func findCluster() async throws -> String? {
        try await aws.ecs.describeClusters(.init(clusters: [names.cluster])).clusters.first { $0.status == "ACTIVE" }?
            .clusterArn
    }

    func findService(_ name: String) async throws -> ECS.Service? {
        guard try await findCluster() != nil else { return nil }
        return try await aws.ecs.describeServices(cluster: names.cluster, services: [name], includeTags: true).services
            .first { $0.status == "ACTIVE" }
    }

    /// The routed service's revisions (one ECS service each), oldest first.
    func serverServices() async throws -> [ECS.Service] {
        Self.servers(among: try await projectServices())
    }

    /// The routed service's revisions among `services`, oldest first.
    static func servers(among services: [ECS.Service]) -> [ECS.Service] {
        services.filter { $0.tag(AWSNames.roleTagKey) == "server" }
            .sorted {
                Double($0.tag(AWSNames.createdTagKey) ?? "") ?? 0 < Double($1.tag(AWSNames.createdTagKey) ?? "") ?? 0
            }
    }

    /// Every ACTIVE service of the cluster, with tags (DescribeServices takes ten at a time).
    func projectServices() async throws -> [ECS.Service] {
        try await projectServicesIfClusterExists() ?? []
    }

    /// Nil when the cluster does not exist (nothing is deployed), without a call to ask first.
    func projectServicesIfClusterExists() async throws -> [ECS.Service]? {
        guard let arns = try await ignoringNotFound({ try await aws.ecs.listServices(cluster: names.cluster) }) else {
            return nil
        }
        var services: [ECS.Service] = []
        for start in stride(from: 0, to: arns.count, by: 10) {
            let chunk = Array(arns[start..<min(start + 10, arns.count)])
            services += try await aws.ecs.describeServices(cluster: names.cluster, services: chunk, includeTags: true)
                .services
        }
        let active = services.filter { $0.status == "ACTIVE" }
        // A deleted cluster may still list its deleted services: only then ask whether it is ACTIVE.
        if active.isEmpty, try await findCluster() == nil { return nil }
        return active
    }

    /// The tasks of a revision's task set (ECS starts them with the task set's id as startedBy).
    func tasks(of tag: String) async throws -> [ECS.Task] {
        guard let taskSet = try await findService(names.serverService(tag))?.taskSets?.first, let id = taskSet.id else {
            return []
        }
        return try await describeTasks(.init(cluster: names.cluster, startedBy: id))
    }

    func describeTasks(_ filter: ECS.ListTasksInput) async throws -> [ECS.Task] {
        let arns = try await aws.ecs.listTasks(filter).taskArns
        guard !arns.isEmpty else { return [] }
        var tasks: [ECS.Task] = []
        for start in stride(from: 0, to: arns.count, by: 100) {
            tasks += try await aws.ecs.describeTasks(
                cluster: names.cluster,
                tasks: Array(arns[start..<min(start + 100, arns.count)])
            ).tasks
        }
        return tasks
    }
}

extension ECS.Service {
    func tag(_ key: String) -> String? { tags?.first { $0.key == key }?.value }
}

extension ECS.Task {
    /// The short id ECS shows (the ARN's last part), which is also the task's Cloud Map instance id.
    var id: String { String(taskArn.split(separator: "/").last ?? Substring(taskArn)) }

    var privateAddress: String? {
        attachments?.flatMap { $0.details ?? [] }.first { $0.name == "privateIPv4Address" }?.value
            ?? containers?.compactMap { $0.networkInterfaces?.first?.privateIpv4Address }.first
    }
}
