/// ECS services and their task sets: how the AWS platform runs each revision beside the others.
extension ECS {
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
        try await pages(
            "ListServices", ListServicesInput(cluster: cluster), token: \.nextToken,
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
}

extension ECS {
    struct ListServicesInput: Encodable { var cluster: String, nextToken: String? = nil }
    struct ListServicesOutput: Decodable { var serviceArns: [String], nextToken: String? }
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
        /// Set by `createService`/`createTaskSet` before the first attempt.
        public var clientToken: String?
        public static var idempotencyToken: WritableKeyPath<Self, String?> { \.clientToken }

        public init(
            cluster: String, serviceName: String, taskDefinition: String? = nil, desiredCount: Int? = nil,
            launchType: String? = nil, deploymentController: DeploymentController? = nil,
            networkConfiguration: NetworkConfiguration? = nil, serviceRegistries: [ServiceRegistry]? = nil,
            loadBalancers: [LoadBalancer]? = nil, tags: [Tag]? = nil
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
        }
    }
    /// ECS takes more (a new task definition, a forced deployment); the toolbox changes only the count.
    public struct UpdateServiceInput: Encodable, Sendable {
        public var cluster: String
        public var service: String
        public var desiredCount: Int?
        public init(cluster: String, service: String, desiredCount: Int? = nil) {
            (self.cluster, self.service, self.desiredCount) = (cluster, service, desiredCount)
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
        /// Set by `createService`/`createTaskSet` before the first attempt.
        public var clientToken: String?
        public static var idempotencyToken: WritableKeyPath<Self, String?> { \.clientToken }

        public init(
            cluster: String, service: String, taskDefinition: String, externalId: String? = nil,
            launchType: String? = "FARGATE", networkConfiguration: NetworkConfiguration? = nil,
            serviceRegistries: [ServiceRegistry]? = nil, loadBalancers: [LoadBalancer]? = nil, scale: Scale? = nil,
            tags: [Tag]? = nil
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
}
