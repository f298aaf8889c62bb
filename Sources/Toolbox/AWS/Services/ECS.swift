import Foundation

/// Amazon ECS (JSON 1.1): clusters, task definitions, services, task sets and tasks. Services and
/// task sets, the rollout's calls, are in ECS+Services.swift.
public struct ECS: AWSServiceAPI {
    public static let service = AWSService(
        name: "ecs", endpointVariableID: "ECS", wireProtocol: .json(targetPrefix: "AmazonEC2ContainerServiceV20141113"))
    public let client: AWSClient

    public init(client: AWSClient) { self.client = client }

    // MARK: Clusters

    public func createCluster(_ input: CreateClusterInput) async throws -> ClusterOutput {
        try await call("CreateCluster", input)
    }
    public func describeClusters(_ input: DescribeClustersInput) async throws -> DescribeClustersOutput {
        try await call("DescribeClusters", input)
    }
    public func deleteCluster(cluster: String) async throws -> ClusterOutput {
        try await call("DeleteCluster", ["cluster": cluster])
    }
    public func listClusters() async throws -> ListClustersOutput {
        let arns = try await pages(
            "ListClusters", PageInput(), token: \.nextToken, next: \ListClustersOutput.nextToken,
            items: \.clusterArns)
        return ListClustersOutput(clusterArns: arns)
    }

    // MARK: Task definitions

    public func registerTaskDefinition(_ input: RegisterTaskDefinitionInput) async throws -> TaskDefinitionOutput {
        try await call("RegisterTaskDefinition", input)
    }
    public func deregisterTaskDefinition(taskDefinition: String) async throws -> TaskDefinitionOutput {
        try await call("DeregisterTaskDefinition", ["taskDefinition": taskDefinition])
    }
    /// Task definition ARNs of a family (ACTIVE ones unless `status` says otherwise).
    public func listTaskDefinitions(familyPrefix: String, status: String? = nil) async throws -> [String] {
        let input = ListTaskDefinitionsInput(familyPrefix: familyPrefix, status: status)
        return try await pages(
            "ListTaskDefinitions", input, token: \.nextToken, next: \ListTaskDefinitionsOutput.nextToken,
            items: \.taskDefinitionArns)
    }
    public func describeTaskDefinition(taskDefinition: String) async throws -> TaskDefinitionOutput {
        try await call("DescribeTaskDefinition", ["taskDefinition": taskDefinition])
    }

    // MARK: Tasks and tags

    public func listTasks(_ input: ListTasksInput) async throws -> ListTasksOutput {
        let arns = try await pages(
            "ListTasks", input, token: \.nextToken, next: \ListTasksOutput.nextToken, items: \.taskArns)
        return ListTasksOutput(taskArns: arns)
    }
    public func describeTasks(cluster: String, tasks: [String]) async throws -> DescribeTasksOutput {
        try await call("DescribeTasks", DescribeTasksInput(cluster: cluster, tasks: tasks))
    }
    public func tagResource(resourceArn: String, tags: [Tag]) async throws {
        try await perform("TagResource", TagResourceInput(resourceArn: resourceArn, tags: tags))
    }
}

extension ECS {
    public struct CreateClusterInput: Encodable, Sendable {
        public var clusterName: String
        public var tags: [Tag]?
        public init(clusterName: String, tags: [Tag]? = nil) { (self.clusterName, self.tags) = (clusterName, tags) }
    }
    public struct ClusterOutput: Decodable, Sendable { public var cluster: Cluster }
    public struct DescribeClustersInput: Encodable, Sendable {
        public var clusters: [String]
        /// ["TAGS"] to have each cluster's tags in the answer.
        public var include: [String]?
        public init(clusters: [String], include: [String]? = nil) { (self.clusters, self.include) = (clusters, include) }
    }
    public struct DescribeClustersOutput: Decodable, Sendable {
        public var clusters: [Cluster]
        public var failures: [Failure]?
    }
    public struct ListClustersOutput: Decodable, Sendable {
        public var clusterArns: [String]
        var nextToken: String?
    }
    struct PageInput: Encodable { var nextToken: String? }

    public struct RegisterTaskDefinitionInput: Encodable, Sendable {
        public var family: String
        public var containerDefinitions: [ContainerDefinition]
        public var taskRoleArn: String?
        public var executionRoleArn: String?
        /// awsvpc for Fargate.
        public var networkMode: String?
        public var requiresCompatibilities: [String]?
        public var cpu: String?
        public var memory: String?
        public var proxyConfiguration: ProxyConfiguration?
        public var tags: [Tag]?

        public init(
            family: String, containerDefinitions: [ContainerDefinition], taskRoleArn: String? = nil,
            executionRoleArn: String? = nil, networkMode: String? = "awsvpc",
            requiresCompatibilities: [String]? = ["FARGATE"],
            cpu: String? = nil, memory: String? = nil, proxyConfiguration: ProxyConfiguration? = nil, tags: [Tag]? = nil
        ) {
            self.family = family
            self.containerDefinitions = containerDefinitions
            self.taskRoleArn = taskRoleArn
            self.executionRoleArn = executionRoleArn
            self.networkMode = networkMode
            self.requiresCompatibilities = requiresCompatibilities
            self.cpu = cpu
            self.memory = memory
            self.proxyConfiguration = proxyConfiguration
            self.tags = tags
        }
    }
    struct ListTaskDefinitionsInput: Encodable { var familyPrefix: String, status: String?, nextToken: String? = nil }
    struct ListTaskDefinitionsOutput: Decodable { var taskDefinitionArns: [String], nextToken: String? }
    public struct TaskDefinitionOutput: Decodable, Sendable {
        public var taskDefinition: TaskDefinition
        public var tags: [Tag]?
    }

    public struct ListTasksInput: Encodable, Sendable {
        public var cluster: String
        public var serviceName: String?
        public var family: String?
        public var startedBy: String?
        /// RUNNING, PENDING or STOPPED.
        public var desiredStatus: String?
        var nextToken: String?
        public init(
            cluster: String, serviceName: String? = nil, family: String? = nil, startedBy: String? = nil,
            desiredStatus: String? = nil
        ) {
            (self.cluster, self.serviceName, self.family, self.startedBy, self.desiredStatus) =
                (cluster, serviceName, family, startedBy, desiredStatus)
        }
    }
    public struct ListTasksOutput: Decodable, Sendable {
        public var taskArns: [String]
        var nextToken: String?
    }
    struct DescribeTasksInput: Encodable { var cluster: String, tasks: [String] }
    public struct DescribeTasksOutput: Decodable, Sendable {
        public var tasks: [Task]
        public var failures: [Failure]?
    }
    struct TagResourceInput: Encodable { var resourceArn: String, tags: [Tag] }
}
