import Foundation

/// Shapes of the App Mesh API (names as in its reference), used by `AppMesh`.
extension AppMesh {
    public typealias Tag = AWSLowercaseTag

    /// The body of every Create call: the resource's name under its own key, the spec, tags and a
    /// client token (fresh per call, so a retried create is the same request).
    struct CreateBody<Spec: Encodable>: Encodable {
        var nameKey: String
        var name: String
        var spec: Spec
        var tags: [Tag]?
        var clientToken = UUID().uuidString

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: NamedKey.self)
            try container.encode(name, forKey: NamedKey(nameKey))
            try container.encode(spec, forKey: NamedKey("spec"))
            try container.encodeIfPresent(tags, forKey: NamedKey("tags"))
            try container.encode(clientToken, forKey: NamedKey("clientToken"))
        }
    }

    struct UpdateBody<Spec: Encodable>: Encodable {
        var spec: Spec
        var clientToken = UUID().uuidString
    }

    struct NamedKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ name: String) { stringValue = name }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public struct ResourceMetadata: Codable, Sendable, Equatable {
        public var arn: String?
    }

    // MARK: Mesh

    public struct EgressFilter: Codable, Sendable, Equatable {
        /// ALLOW_ALL or DROP_ALL (moto answers null when none was set).
        public var type: String?
        public init(type: String) { self.type = type }
    }
    public struct MeshSpec: Codable, Sendable, Equatable {
        public var egressFilter: EgressFilter?
        public init(egressFilter: EgressFilter? = nil) { self.egressFilter = egressFilter }
    }
    public struct MeshData: Decodable, Sendable, Equatable {
        public var meshName: String
        public var spec: MeshSpec?
        public var metadata: ResourceMetadata?
    }

    // MARK: Virtual nodes

    public struct PortMapping: Codable, Sendable, Equatable {
        public var port: Int
        /// http, http2, grpc or tcp.
        public var `protocol`: String
        public init(port: Int, protocol: String) { (self.port, self.protocol) = (port, `protocol`) }
    }
    public struct HealthCheckPolicy: Codable, Sendable, Equatable {
        public var `protocol`: String
        public var path: String?
        /// Every 5 s with a 2 s timeout; two results in a row make a target healthy or unhealthy.
        public var intervalMillis = 5000, timeoutMillis = 2000
        public var healthyThreshold = 2, unhealthyThreshold = 2
        public init(protocol: String, path: String? = nil) { (self.protocol, self.path) = (`protocol`, path) }
    }
    public struct Listener: Codable, Sendable, Equatable {
        public var portMapping: PortMapping
        public var healthCheck: HealthCheckPolicy?
        public init(portMapping: PortMapping, healthCheck: HealthCheckPolicy? = nil) {
            (self.portMapping, self.healthCheck) = (portMapping, healthCheck)
        }
    }
    public struct AwsCloudMapInstanceAttribute: Codable, Sendable, Equatable {
        public var key: String
        public var value: String
        public init(key: String, value: String) { (self.key, self.value) = (key, value) }
    }
    public struct AwsCloudMapServiceDiscovery: Codable, Sendable, Equatable {
        public var namespaceName: String
        public var serviceName: String
        /// Selects the instances of one revision (e.g. ECS_TASK_SET_EXTERNAL_ID).
        public var attributes: [AwsCloudMapInstanceAttribute]?
        public init(namespaceName: String, serviceName: String, attributes: [AwsCloudMapInstanceAttribute]? = nil) {
            (self.namespaceName, self.serviceName, self.attributes) = (namespaceName, serviceName, attributes)
        }
    }
    public struct DnsServiceDiscovery: Codable, Sendable, Equatable {
        public var hostname: String
        public init(hostname: String) { self.hostname = hostname }
    }
    public struct ServiceDiscovery: Codable, Sendable, Equatable {
        public var awsCloudMap: AwsCloudMapServiceDiscovery?
        public var dns: DnsServiceDiscovery?
        public init(awsCloudMap: AwsCloudMapServiceDiscovery? = nil, dns: DnsServiceDiscovery? = nil) {
            (self.awsCloudMap, self.dns) = (awsCloudMap, dns)
        }
    }
    public struct VirtualServiceBackend: Codable, Sendable, Equatable {
        public var virtualServiceName: String
        public init(virtualServiceName: String) { self.virtualServiceName = virtualServiceName }
    }
    public struct Backend: Codable, Sendable, Equatable {
        public var virtualService: VirtualServiceBackend
        public init(virtualServiceName: String) {
            virtualService = VirtualServiceBackend(virtualServiceName: virtualServiceName)
        }
    }
    public struct VirtualNodeSpec: Codable, Sendable, Equatable {
        public var listeners: [Listener]?
        public var serviceDiscovery: ServiceDiscovery?
        public var backends: [Backend]?
        public init(listeners: [Listener]? = nil, serviceDiscovery: ServiceDiscovery? = nil, backends: [Backend]? = nil)
        {
            (self.listeners, self.serviceDiscovery, self.backends) = (listeners, serviceDiscovery, backends)
        }
    }
    public struct VirtualNodeData: Decodable, Sendable, Equatable {
        public var virtualNodeName: String
        public var spec: VirtualNodeSpec?
    }

    // MARK: Virtual routers and routes

    public struct VirtualRouterListener: Codable, Sendable, Equatable {
        public var portMapping: PortMapping
        public init(portMapping: PortMapping) { self.portMapping = portMapping }
    }
    public struct VirtualRouterSpec: Codable, Sendable, Equatable {
        public var listeners: [VirtualRouterListener]
        public init(listeners: [VirtualRouterListener]) { self.listeners = listeners }
    }
    public struct VirtualRouterData: Decodable, Sendable, Equatable {
        public var virtualRouterName: String
        public var spec: VirtualRouterSpec?
    }

    public struct WeightedTarget: Codable, Sendable, Equatable {
        public var virtualNode: String
        /// 0...100 on AWS; the emulator accepts anything, so callers validate.
        public var weight: Int
        public var port: Int?
        public init(virtualNode: String, weight: Int, port: Int? = nil) {
            (self.virtualNode, self.weight, self.port) = (virtualNode, weight, port)
        }
    }
    public struct RouteAction: Codable, Sendable, Equatable {
        public var weightedTargets: [WeightedTarget]
        public init(weightedTargets: [WeightedTarget]) { self.weightedTargets = weightedTargets }
    }
    public struct GrpcRouteMatch: Codable, Sendable, Equatable {
        /// The fully qualified gRPC service, e.g. `proto.echo.EchoService`.
        public var serviceName: String?
        public var methodName: String?
        /// Metadata the call must carry (the test route's header).
        public var metadata: [GrpcRouteMetadata]?
        public init(serviceName: String? = nil, methodName: String? = nil, metadata: [GrpcRouteMetadata]? = nil) {
            (self.serviceName, self.methodName, self.metadata) = (serviceName, methodName, metadata)
        }
    }
    /// A metadata entry a call must carry; without `match`, its presence is enough.
    public struct GrpcRouteMetadata: Codable, Sendable, Equatable {
        public var name: String
        public init(name: String) { self.name = name }
    }
    public struct GrpcRoute: Codable, Sendable, Equatable {
        public var action: RouteAction
        public var match: GrpcRouteMatch
        public init(action: RouteAction, match: GrpcRouteMatch) { (self.action, self.match) = (action, match) }
    }
    public struct HttpRouteMatch: Codable, Sendable, Equatable {
        public var prefix: String
        public init(prefix: String = "/") { self.prefix = prefix }
    }
    public struct HttpRoute: Codable, Sendable, Equatable {
        public var action: RouteAction
        public var match: HttpRouteMatch
        public init(action: RouteAction, match: HttpRouteMatch = HttpRouteMatch()) {
            (self.action, self.match) = (action, match)
        }
    }
    public struct RouteSpec: Codable, Sendable, Equatable {
        public var grpcRoute: GrpcRoute?
        public var httpRoute: HttpRoute?
        public var http2Route: HttpRoute?
        public var priority: Int?
        public init(
            grpcRoute: GrpcRoute? = nil, httpRoute: HttpRoute? = nil, http2Route: HttpRoute? = nil, priority: Int? = nil
        ) {
            (self.grpcRoute, self.httpRoute, self.http2Route, self.priority) = (
                grpcRoute, httpRoute, http2Route, priority
            )
        }
    }
    public struct RouteData: Decodable, Sendable, Equatable {
        public var routeName: String
        public var spec: RouteSpec?
    }

    // MARK: Virtual services

    public struct VirtualRouterServiceProvider: Codable, Sendable, Equatable {
        public var virtualRouterName: String
        public init(virtualRouterName: String) { self.virtualRouterName = virtualRouterName }
    }
    public struct VirtualNodeServiceProvider: Codable, Sendable, Equatable {
        public var virtualNodeName: String
        public init(virtualNodeName: String) { self.virtualNodeName = virtualNodeName }
    }
    public struct VirtualServiceProvider: Codable, Sendable, Equatable {
        public var virtualRouter: VirtualRouterServiceProvider?
        public var virtualNode: VirtualNodeServiceProvider?
        public init(virtualRouter: VirtualRouterServiceProvider? = nil, virtualNode: VirtualNodeServiceProvider? = nil)
        {
            (self.virtualRouter, self.virtualNode) = (virtualRouter, virtualNode)
        }
    }
    public struct VirtualServiceSpec: Codable, Sendable, Equatable {
        public var provider: VirtualServiceProvider?
        public init(provider: VirtualServiceProvider?) { self.provider = provider }
    }
    public struct VirtualServiceData: Decodable, Sendable, Equatable {
        public var virtualServiceName: String
        public var spec: VirtualServiceSpec?
    }

    // MARK: Lists (first page: the toolbox's meshes hold a handful of each)

    struct NodeReference: Decodable { var virtualNodeName: String }
    struct ListVirtualNodesOutput: Decodable { var virtualNodes: [NodeReference] }
    struct RouterReference: Decodable { var virtualRouterName: String }
    struct ListVirtualRoutersOutput: Decodable { var virtualRouters: [RouterReference] }
    struct RouteReference: Decodable { var routeName: String }
    struct ListRoutesOutput: Decodable { var routes: [RouteReference] }
    struct ServiceReference: Decodable { var virtualServiceName: String }
    struct ListVirtualServicesOutput: Decodable { var virtualServices: [ServiceReference] }
}
