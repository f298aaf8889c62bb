
/// AWS Cloud Map (servicediscovery, JSON 1.1): the private DNS namespace, services, instances and
/// their custom health. Field names are the API's own (PascalCase), as in its reference.
public struct CloudMap: AWSServiceAPI {
    public static let service = AWSService(
        name: "servicediscovery", endpointVariableID: "SERVICEDISCOVERY",
        wireProtocol: .json(targetPrefix: "Route53AutoNaming_v20170314"))
    public let client: AWSClient

    public init(client: AWSClient) { self.client = client }

    // MARK: Namespaces and operations

    /// Asynchronous: poll `getOperation` until SUCCESS; its `Targets["NAMESPACE"]` is the namespace id.
    public func createPrivateDnsNamespace(_ input: CreatePrivateDnsNamespaceInput) async throws -> OperationStarted {
        try await call("CreatePrivateDnsNamespace", input.withIdempotencyToken())
    }
    public func getOperation(operationId: String) async throws -> Operation {
        let output: GetOperationOutput = try await call("GetOperation", ["OperationId": operationId])
        return output.Operation
    }
    public func listNamespaces() async throws -> [Namespace] {
        try await pages(
            "ListNamespaces", PageInput(), token: \.NextToken, next: \ListNamespacesOutput.NextToken,
            items: \.Namespaces)
    }
    public func getNamespace(id: String) async throws -> Namespace {
        let output: GetNamespaceOutput = try await call("GetNamespace", ["Id": id])
        return output.Namespace
    }
    public func deleteNamespace(id: String) async throws -> OperationStarted {
        try await call("DeleteNamespace", ["Id": id])
    }

    // MARK: Services

    public func createService(_ input: CreateServiceInput) async throws -> Service {
        let output: ServiceOutput = try await call("CreateService", input.withIdempotencyToken())
        return output.Service
    }
    public func getService(id: String) async throws -> Service {
        let output: ServiceOutput = try await call("GetService", ["Id": id])
        return output.Service
    }
    public func listServices(namespaceId: String? = nil) async throws -> [ServiceSummary] {
        let filters = namespaceId.map { [ServiceFilter(Name: "NAMESPACE_ID", Values: [$0], Condition: "EQ")] }
        return try await pages(
            "ListServices", ListServicesInput(Filters: filters), token: \.NextToken,
            next: \ListServicesOutput.NextToken, items: \.Services)
    }
    public func deleteService(id: String) async throws {
        try await perform("DeleteService", ["Id": id])
    }

    // MARK: Instances and health

    /// What the ECS agent does for a task; the tests do it themselves because moto's ECS does not.
    public func registerInstance(
        serviceId: String, instanceId: String, attributes: [String: String], creatorRequestId: String? = nil
    ) async throws -> OperationStarted {
        let input = RegisterInstanceInput(
            ServiceId: serviceId, InstanceId: instanceId, Attributes: attributes, CreatorRequestId: creatorRequestId)
        return try await call("RegisterInstance", input.withIdempotencyToken())
    }
    public func deregisterInstance(serviceId: String, instanceId: String) async throws -> OperationStarted {
        try await call("DeregisterInstance", ["ServiceId": serviceId, "InstanceId": instanceId])
    }
    public func listInstances(serviceId: String) async throws -> [InstanceSummary] {
        try await pages(
            "ListInstances", ListInstancesInput(ServiceId: serviceId), token: \.NextToken,
            next: \ListInstancesOutput.NextToken, items: \.Instances)
    }
    /// Instance id → HEALTHY, UNHEALTHY or UNKNOWN.
    public func getInstancesHealthStatus(serviceId: String) async throws -> [String: String] {
        let output: HealthStatusOutput = try await call("GetInstancesHealthStatus", ["ServiceId": serviceId])
        return output.Status
    }
    /// For services with a custom health check config: `status` is HEALTHY or UNHEALTHY.
    public func updateInstanceCustomHealthStatus(serviceId: String, instanceId: String, status: String) async throws {
        let input = ["ServiceId": serviceId, "InstanceId": instanceId, "Status": status]
        try await perform("UpdateInstanceCustomHealthStatus", input)
    }
}

extension CloudMap {
    public typealias Tag = AWSTag

    public struct CreatePrivateDnsNamespaceInput: Encodable, Sendable, IdempotentInput {
        public var Name: String
        public var Vpc: String
        public var Description: String?
        public var Tags: [Tag]?
        public var CreatorRequestId: String?
        public static var idempotencyToken: WritableKeyPath<Self, String?> { \.CreatorRequestId }
        public init(name: String, vpc: String, description: String? = nil, tags: [Tag]? = nil) {
            (Name, Vpc, Description, Tags) = (name, vpc, description, tags)
        }
    }
    public struct OperationStarted: Decodable, Sendable { public var OperationId: String }
    public struct Operation: Decodable, Sendable, Equatable {
        /// SUBMITTED, PENDING, SUCCESS or FAIL.
        public var Status: String
        public var ErrorMessage: String?
        /// NAMESPACE, SERVICE or INSTANCE → id.
        public var Targets: [String: String]?
    }
    struct GetOperationOutput: Decodable { var Operation: Operation }
    public struct Namespace: Decodable, Sendable, Equatable {
        public var Id: String
        public var Name: String
    }
    struct PageInput: Encodable { var NextToken: String? }
    struct ListNamespacesOutput: Decodable { var Namespaces: [Namespace], NextToken: String? }
    struct GetNamespaceOutput: Decodable { var Namespace: Namespace }

    public struct DnsRecord: Codable, Sendable, Equatable {
        public var `Type`: String
        public var TTL: Int
        public init(type: String = "A", ttl: Int = 10) { (self.Type, TTL) = (type, ttl) }
    }
    public struct DnsConfig: Codable, Sendable, Equatable {
        public var RoutingPolicy: String?
        public var DnsRecords: [DnsRecord]
        public init(routingPolicy: String? = "MULTIVALUE", dnsRecords: [DnsRecord] = [DnsRecord()]) {
            (RoutingPolicy, DnsRecords) = (routingPolicy, dnsRecords)
        }
    }
    public struct HealthCheckCustomConfig: Codable, Sendable, Equatable {
        public var FailureThreshold: Int?
        public init(failureThreshold: Int? = 1) { FailureThreshold = failureThreshold }
    }
    public struct CreateServiceInput: Encodable, Sendable, IdempotentInput {
        public var Name: String
        public var NamespaceId: String?
        public var DnsConfig: DnsConfig?
        public var HealthCheckCustomConfig: HealthCheckCustomConfig?
        public var Tags: [Tag]?
        public var CreatorRequestId: String?
        public static var idempotencyToken: WritableKeyPath<Self, String?> { \.CreatorRequestId }
        public init(
            name: String, namespaceId: String?, dnsConfig: DnsConfig? = CloudMap.DnsConfig(),
            healthCheckCustomConfig: HealthCheckCustomConfig? = CloudMap.HealthCheckCustomConfig(), tags: [Tag]? = nil
        ) {
            (Name, NamespaceId, DnsConfig, HealthCheckCustomConfig, Tags) =
                (name, namespaceId, dnsConfig, healthCheckCustomConfig, tags)
        }
    }
    public struct Service: Decodable, Sendable, Equatable {
        public var Id: String
        public var Arn: String?
        public var Name: String
    }
    struct ServiceOutput: Decodable { var Service: Service }
    struct ServiceFilter: Encodable { var Name: String, Values: [String], Condition: String }
    struct ListServicesInput: Encodable { var Filters: [ServiceFilter]?, NextToken: String? = nil }
    public struct ServiceSummary: Decodable, Sendable, Equatable {
        public var Id: String
        public var Name: String
    }
    struct ListServicesOutput: Decodable { var Services: [ServiceSummary], NextToken: String? }

    struct RegisterInstanceInput: Encodable, IdempotentInput {
        var ServiceId: String, InstanceId: String, Attributes: [String: String], CreatorRequestId: String?
        static var idempotencyToken: WritableKeyPath<Self, String?> { \.CreatorRequestId }
    }
    public struct InstanceSummary: Decodable, Sendable, Equatable {
        public var Id: String
        public var Attributes: [String: String]?
    }
    struct ListInstancesInput: Encodable { var ServiceId: String, NextToken: String? = nil }
    struct ListInstancesOutput: Decodable { var Instances: [InstanceSummary], NextToken: String? }
    struct HealthStatusOutput: Decodable { var Status: [String: String] }
}
