import Foundation

/// Amazon ECS (JSON 1.1): clusters, task definitions, services, task sets and tasks.
public struct ECS: Sendable {
    public static let service = AWSService(
        name: "ecs", endpointVariableID: "ECS", wireProtocol: .json(targetPrefix: "AmazonEC2ContainerServiceV20141113"))
    public let client: AWSClient

    public init(client: AWSClient) { self.client = client }

    private func call<Output: Decodable>(_ operation: String, _ input: some Encodable) async throws -> Output {
        try await client.json(Self.service, operation, input)
    }

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
        let arns = try await client.jsonPages(
            Self.service, "ListClusters", PageInput(), token: \.nextToken, next: \ListClustersOutput.nextToken,
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
        return try await client.jsonPages(
            Self.service, "ListTaskDefinitions", input, token: \.nextToken, next: \ListTaskDefinitionsOutput.nextToken,
            items: \.taskDefinitionArns)
    }
    public func describeTaskDefinition(taskDefinition: String) async throws -> TaskDefinitionOutput {
        try await call("DescribeTaskDefinition", ["taskDefinition": taskDefinition])
    }

    // MARK: Services

    public func createService(_ input: CreateServiceInput) async throws -> ServiceOutput {
        try await call("CreateService", input.withIdempotencyToken())
    }
    public func updateService(_ input: UpdateServiceInput) async throws -> ServiceOutput {
        try await call("UpdateService", input)
    }
    public func deleteService(cluster: String, service: String, force: Bool = false) async throws -> ServiceOutput {
        try await call("DeleteService", DeleteServiceInput(cluster: cluster, service: service, force: force))
    }
    public func listServices(cluster: String) async throws -> [String] {
        try await client.jsonPages(
            Self.service, "ListServices", ListServicesInput(cluster: cluster), token: \.nextToken,
            next: \ListServicesOutput.nextToken, items: \.serviceArns)
    }
    /// `includeTags` asks for each service's tags too (the AWS platform keeps revision facts there).
    public func describeServices(cluster: String, services: [String], includeTags: Bool = false) async throws
        -> DescribeServicesOutput
    {
        try await call(
            "DescribeServices",
            DescribeServicesInput(cluster: cluster, services: services, include: includeTags ? ["TAGS"] : nil))
    }

    // MARK: Task sets

    public func createTaskSet(_ input: CreateTaskSetInput) async throws -> TaskSetOutput {
        try await call("CreateTaskSet", input.withIdempotencyToken())
    }
    public func updateTaskSet(cluster: String, service: String, taskSet: String, scale: Scale) async throws
        -> TaskSetOutput
    {
        try await call(
            "UpdateTaskSet", UpdateTaskSetInput(cluster: cluster, service: service, taskSet: taskSet, scale: scale))
    }
    public func updateServicePrimaryTaskSet(cluster: String, service: String, primaryTaskSet: String) async throws
        -> TaskSetOutput
    {
        try await call(
            "UpdateServicePrimaryTaskSet", ["cluster": cluster, "service": service, "primaryTaskSet": primaryTaskSet])
    }
    public func deleteTaskSet(cluster: String, service: String, taskSet: String, force: Bool = false) async throws
        -> TaskSetOutput
    {
        try await call(
            "DeleteTaskSet", DeleteTaskSetInput(cluster: cluster, service: service, taskSet: taskSet, force: force))
    }
    public func describeTaskSets(cluster: String, service: String, taskSets: [String]? = nil) async throws
        -> DescribeTaskSetsOutput
    {
        try await call(
            "DescribeTaskSets", DescribeTaskSetsInput(cluster: cluster, service: service, taskSets: taskSets))
    }

    // MARK: Tasks and tags

    public func listTasks(_ input: ListTasksInput) async throws -> ListTasksOutput {
        let arns = try await client.jsonPages(
            Self.service, "ListTasks", input, token: \.nextToken, next: \ListTasksOutput.nextToken, items: \.taskArns)
        return ListTasksOutput(taskArns: arns)
    }
    public func describeTasks(cluster: String, tasks: [String]) async throws -> DescribeTasksOutput {
        try await call("DescribeTasks", DescribeTasksInput(cluster: cluster, tasks: tasks))
    }
    /// What the ECS scheduler does for a task set; the tests act as the agent with it (moto runs no tasks).
    public func runTask(_ input: RunTaskInput) async throws -> RunTaskOutput {
        try await call("RunTask", input)
    }
    public func stopTask(cluster: String, task: String, reason: String? = nil) async throws {
        let _: AWSEmptyOutput = try await call("StopTask", StopTaskInput(cluster: cluster, task: task, reason: reason))
    }
    public func tagResource(resourceArn: String, tags: [Tag]) async throws {
        let _: AWSEmptyOutput = try await call("TagResource", TagResourceInput(resourceArn: resourceArn, tags: tags))
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
    struct ListServicesInput: Encodable { var cluster: String, nextToken: String? = nil }
    struct ListServicesOutput: Decodable { var serviceArns: [String], nextToken: String? }
    public struct TaskDefinitionOutput: Decodable, Sendable {
        public var taskDefinition: TaskDefinition
        public var tags: [Tag]?
    }

    public struct CreateServiceInput: Encodable, Sendable, IdempotentInput {
        public var cluster: String
        public var serviceName: String
        public var taskDefinition: String?
        public var desiredCount: Int?
        public var launchType: String?
        public var deploymentController: DeploymentController?
        public var networkConfiguration: NetworkConfiguration?
        public var serviceRegistries: [ServiceRegistry]?
        public var loadBalancers: [LoadBalancer]?
        public var tags: [Tag]?
        public var clientToken: String?
        public var idempotencyToken: String? {
            get { clientToken }
            set { clientToken = newValue }
        }

        public init(
            cluster: String, serviceName: String, taskDefinition: String? = nil, desiredCount: Int? = nil,
            launchType: String? = nil, deploymentController: DeploymentController? = nil,
            networkConfiguration: NetworkConfiguration? = nil, serviceRegistries: [ServiceRegistry]? = nil,
            loadBalancers: [LoadBalancer]? = nil, tags: [Tag]? = nil, clientToken: String? = nil
        ) {
            self.cluster = cluster
            self.serviceName = serviceName
            self.taskDefinition = taskDefinition
            self.desiredCount = desiredCount
            self.launchType = launchType
            self.deploymentController = deploymentController
            self.networkConfiguration = networkConfiguration
            self.serviceRegistries = serviceRegistries
            self.loadBalancers = loadBalancers
            self.tags = tags
            self.clientToken = clientToken
        }
    }
    public struct UpdateServiceInput: Encodable, Sendable {
        public var cluster: String
        public var service: String
        public var desiredCount: Int?
        public var taskDefinition: String?
        public var forceNewDeployment: Bool?
        public init(
            cluster: String, service: String, desiredCount: Int? = nil, taskDefinition: String? = nil,
            forceNewDeployment: Bool? = nil
        ) {
            (self.cluster, self.service, self.desiredCount, self.taskDefinition, self.forceNewDeployment) =
                (cluster, service, desiredCount, taskDefinition, forceNewDeployment)
        }
    }
    struct DeleteServiceInput: Encodable { var cluster: String, service: String, force: Bool }
    struct DescribeServicesInput: Encodable { var cluster: String, services: [String], include: [String]? }
    public struct ServiceOutput: Decodable, Sendable { public var service: Service }
    public struct DescribeServicesOutput: Decodable, Sendable {
        public var services: [Service]
        public var failures: [Failure]?
    }

    public struct CreateTaskSetInput: Encodable, Sendable, IdempotentInput {
        public var cluster: String
        public var service: String
        public var taskDefinition: String
        public var externalId: String?
        public var launchType: String?
        public var networkConfiguration: NetworkConfiguration?
        public var serviceRegistries: [ServiceRegistry]?
        public var loadBalancers: [LoadBalancer]?
        public var scale: Scale?
        public var tags: [Tag]?
        public var clientToken: String?
        public var idempotencyToken: String? {
            get { clientToken }
            set { clientToken = newValue }
        }

        public init(
            cluster: String, service: String, taskDefinition: String, externalId: String? = nil,
            launchType: String? = "FARGATE", networkConfiguration: NetworkConfiguration? = nil,
            serviceRegistries: [ServiceRegistry]? = nil, loadBalancers: [LoadBalancer]? = nil, scale: Scale? = nil,
            tags: [Tag]? = nil, clientToken: String? = nil
        ) {
            self.cluster = cluster
            self.service = service
            self.taskDefinition = taskDefinition
            self.externalId = externalId
            self.launchType = launchType
            self.networkConfiguration = networkConfiguration
            self.serviceRegistries = serviceRegistries
            self.loadBalancers = loadBalancers
            self.scale = scale
            self.tags = tags
            self.clientToken = clientToken
        }
    }
    struct UpdateTaskSetInput: Encodable { var cluster: String, service: String, taskSet: String, scale: Scale }
    struct DeleteTaskSetInput: Encodable { var cluster: String, service: String, taskSet: String, force: Bool }
    struct DescribeTaskSetsInput: Encodable { var cluster: String, service: String, taskSets: [String]? }
    public struct TaskSetOutput: Decodable, Sendable { public var taskSet: TaskSet }
    public struct DescribeTaskSetsOutput: Decodable, Sendable {
        public var taskSets: [TaskSet]
        public var failures: [Failure]?
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
    public struct RunTaskInput: Encodable, Sendable {
        public var cluster: String
        public var taskDefinition: String
        public var count: Int
        public var startedBy: String?
        public var group: String?
        public var launchType: String?
        public var networkConfiguration: NetworkConfiguration?
        public init(
            cluster: String, taskDefinition: String, count: Int, startedBy: String? = nil, group: String? = nil,
            launchType: String? = "FARGATE", networkConfiguration: NetworkConfiguration? = nil
        ) {
            (self.cluster, self.taskDefinition, self.count, self.startedBy, self.group) =
                (cluster, taskDefinition, count, startedBy, group)
            (self.launchType, self.networkConfiguration) = (launchType, networkConfiguration)
        }
    }
    public struct RunTaskOutput: Decodable, Sendable {
        public var tasks: [Task]
        public var failures: [Failure]?
    }
    struct StopTaskInput: Encodable { var cluster: String, task: String, reason: String? }
}
