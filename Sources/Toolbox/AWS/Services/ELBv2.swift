
/// Elastic Load Balancing v2 (Query): the public ALB and the internal gRPC ALB that splits traffic
/// between revisions with weighted forward actions.
public struct ELBv2: AWSServiceAPI {
    public static let service = AWSService(
        name: "elasticloadbalancing", endpointVariableID: "ELASTIC_LOAD_BALANCING_V2",
        wireProtocol: .query(apiVersion: "2015-12-01"))
    public let client: AWSClient

    public init(client: AWSClient) { self.client = client }

    // MARK: Load balancers

    /// `scheme` internet-facing or internal.
    public func createLoadBalancer(
        name: String, subnets: [String], securityGroups: [String], scheme: String = "internet-facing",
        tags: [Tag]? = nil
    ) async throws -> LoadBalancer {
        let input = CreateLoadBalancerInput(
            Name: name, Subnets: subnets, SecurityGroups: securityGroups, Scheme: scheme, Type: "application",
            Tags: tags)
        let output: LoadBalancersOutput = try await call("CreateLoadBalancer", input)
        guard let created = output.LoadBalancers.first else {
            throw AWSClient.malformed(Self.service, "CreateLoadBalancer", "no load balancer")
        }
        return created
    }
    public func describeLoadBalancers(arns: [String]? = nil, names: [String]? = nil) async throws -> [LoadBalancer] {
        let output: LoadBalancersOutput = try await call(
            "DescribeLoadBalancers", DescribeLoadBalancersInput(LoadBalancerArns: arns, Names: names))
        return output.LoadBalancers
    }
    public func deleteLoadBalancer(arn: String) async throws {
        try await perform("DeleteLoadBalancer", ["LoadBalancerArn": arn])
    }

    // MARK: Target groups

    public func createTargetGroup(_ input: CreateTargetGroupInput) async throws -> TargetGroup {
        let output: TargetGroupsOutput = try await call("CreateTargetGroup", input)
        guard let created = output.TargetGroups.first else {
            throw AWSClient.malformed(Self.service, "CreateTargetGroup", "no target group")
        }
        return created
    }
    public func describeTargetGroups(arns: [String]? = nil, names: [String]? = nil, loadBalancerArn: String? = nil)
        async throws
        -> [TargetGroup]
    {
        let input = DescribeTargetGroupsInput(TargetGroupArns: arns, Names: names, LoadBalancerArn: loadBalancerArn)
        let output: TargetGroupsOutput = try await call("DescribeTargetGroups", input)
        return output.TargetGroups
    }
    public func deleteTargetGroup(arn: String) async throws {
        try await perform("DeleteTargetGroup", ["TargetGroupArn": arn])
    }
    public func modifyTargetGroupAttributes(arn: String, attributes: [Attribute]) async throws -> [Attribute] {
        let output: AttributesOutput = try await call(
            "ModifyTargetGroupAttributes", ModifyAttributesInput(TargetGroupArn: arn, Attributes: attributes))
        return output.Attributes ?? []
    }
    public func describeTargetGroupAttributes(arn: String) async throws -> [Attribute] {
        let output: AttributesOutput = try await call("DescribeTargetGroupAttributes", ["TargetGroupArn": arn])
        return output.Attributes ?? []
    }

    // MARK: Targets

    public func registerTargets(targetGroupArn: String, targets: [TargetDescription]) async throws {
        try await perform("RegisterTargets", TargetsInput(TargetGroupArn: targetGroupArn, Targets: targets))
    }
    public func deregisterTargets(targetGroupArn: String, targets: [TargetDescription]) async throws {
        try await perform("DeregisterTargets", TargetsInput(TargetGroupArn: targetGroupArn, Targets: targets))
    }
    public func describeTargetHealth(targetGroupArn: String) async throws -> [TargetHealthDescription] {
        let output: TargetHealthOutput = try await call("DescribeTargetHealth", ["TargetGroupArn": targetGroupArn])
        return output.TargetHealthDescriptions ?? []
    }

    // MARK: Listeners

    /// HTTPS listeners need `certificates` (ALB requires HTTPS for gRPC).
    public func createListener(
        loadBalancerArn: String, protocol: String, port: Int, defaultActions: [Action],
        certificates: [Certificate]? = nil,
        tags: [Tag]? = nil
    ) async throws -> Listener {
        let input = CreateListenerInput(
            LoadBalancerArn: loadBalancerArn, Protocol: `protocol`, Port: port, DefaultActions: defaultActions,
            Certificates: certificates, Tags: tags)
        let output: ListenersOutput = try await call("CreateListener", input)
        guard let created = output.Listeners.first else {
            throw AWSClient.malformed(Self.service, "CreateListener", "no listener")
        }
        return created
    }
    /// How traffic is shifted on the ALB router: new default actions (a weighted forward).
    public func modifyListener(listenerArn: String, defaultActions: [Action]) async throws -> Listener {
        let output: ListenersOutput = try await call(
            "ModifyListener", ModifyListenerInput(ListenerArn: listenerArn, DefaultActions: defaultActions))
        guard let modified = output.Listeners.first else {
            throw AWSClient.malformed(Self.service, "ModifyListener", "no listener")
        }
        return modified
    }
    public func describeListeners(loadBalancerArn: String? = nil, listenerArns: [String]? = nil) async throws
        -> [Listener]
    {
        let output: ListenersOutput = try await call(
            "DescribeListeners", DescribeListenersInput(LoadBalancerArn: loadBalancerArn, ListenerArns: listenerArns))
        return output.Listeners
    }
    public func deleteListener(arn: String) async throws {
        try await perform("DeleteListener", ["ListenerArn": arn])
    }

    // MARK: Tags

    public func addTags(resourceArns: [String], tags: [Tag]) async throws {
        try await perform("AddTags", AddTagsInput(ResourceArns: resourceArns, Tags: tags))
    }
    public func describeTags(resourceArns: [String]) async throws -> [TagDescription] {
        let output: DescribeTagsOutput = try await call("DescribeTags", ["ResourceArns": resourceArns])
        return output.TagDescriptions
    }
}

extension ELBv2 {
    public struct CreateTargetGroupInput: Encodable, Sendable {
        public var Name: String
        public var `Protocol`: String
        public var ProtocolVersion: String?
        public var Port: Int
        public var VpcId: String
        public var TargetType: String
        public var HealthCheckProtocol: String?
        public var HealthCheckPath: String?
        public var HealthCheckIntervalSeconds: Int?
        public var HealthCheckTimeoutSeconds: Int?
        public var HealthyThresholdCount: Int?
        public var UnhealthyThresholdCount: Int?
        public var Matcher: Matcher?
        public var Tags: [Tag]?

        /// A gRPC target group of task IPs, healthy only when grpc.health.v1 Check answers OK (code 0).
        public static func grpc(name: String, port: Int, vpcId: String, tags: [Tag]? = nil) -> CreateTargetGroupInput {
            CreateTargetGroupInput(
                name: name, protocol: "HTTP", protocolVersion: "GRPC", port: port, vpcId: vpcId,
                healthCheckProtocol: "HTTP", healthCheckPath: "/grpc.health.v1.Health/Check", timing: .rollout,
                matcher: ELBv2.Matcher(grpcCode: "0"), tags: tags)
        }

        public init(
            name: String, protocol: String, protocolVersion: String? = nil, port: Int, vpcId: String,
            targetType: String = "ip",
            healthCheckProtocol: String? = nil, healthCheckPath: String? = nil, timing: HealthCheckTiming? = nil,
            matcher: Matcher? = nil, tags: [Tag]? = nil
        ) {
            Name = name
            self.Protocol = `protocol`
            ProtocolVersion = protocolVersion
            Port = port
            VpcId = vpcId
            TargetType = targetType
            HealthCheckProtocol = healthCheckProtocol
            HealthCheckPath = healthCheckPath
            HealthCheckIntervalSeconds = timing?.intervalSeconds
            HealthCheckTimeoutSeconds = timing?.timeoutSeconds
            HealthyThresholdCount = timing?.healthyThreshold
            UnhealthyThresholdCount = timing?.unhealthyThreshold
            Matcher = matcher
            Tags = tags
        }
    }

    struct CreateLoadBalancerInput: Encodable {
        var Name: String, Subnets: [String], SecurityGroups: [String], Scheme: String, `Type`: String, Tags: [Tag]?
    }
    struct DescribeLoadBalancersInput: Encodable { var LoadBalancerArns: [String]?, Names: [String]? }
    struct LoadBalancersOutput: Decodable { var LoadBalancers: [LoadBalancer] }
    struct DescribeTargetGroupsInput: Encodable {
        var TargetGroupArns: [String]?, Names: [String]?, LoadBalancerArn: String?
    }
    struct TargetGroupsOutput: Decodable { var TargetGroups: [TargetGroup] }
    struct ModifyAttributesInput: Encodable { var TargetGroupArn: String, Attributes: [Attribute] }
    struct AttributesOutput: Decodable { var Attributes: [Attribute]? }
    struct TargetsInput: Encodable { var TargetGroupArn: String, Targets: [TargetDescription] }
    struct TargetHealthOutput: Decodable { var TargetHealthDescriptions: [TargetHealthDescription]? }
    struct CreateListenerInput: Encodable {
        var LoadBalancerArn: String, `Protocol`: String, Port: Int, DefaultActions: [Action],
            Certificates: [Certificate]?, Tags: [Tag]?
    }
    struct ModifyListenerInput: Encodable { var ListenerArn: String, DefaultActions: [Action] }
    struct DescribeListenersInput: Encodable { var LoadBalancerArn: String?, ListenerArns: [String]? }
    struct ListenersOutput: Decodable { var Listeners: [Listener] }
    struct AddTagsInput: Encodable { var ResourceArns: [String], Tags: [Tag] }
    struct DescribeTagsOutput: Decodable { var TagDescriptions: [TagDescription] }
}
