import ToolboxAWS
import ToolboxCore

/// The original's router: mesh `<project>-mesh`, a virtual router with one gRPC route matching the
/// service (the routed service's gRPC service), the virtual service `<server>.<project>.local`, and a
/// virtual node per revision that selects its tasks in Cloud Map by the task set's external id.
struct AppMeshRouter: TrafficRouter {
    let context: AWSContext
    let server: ServiceSpec
    let client: ServiceSpec

    var aws: AWSServices { context.aws }
    var names: AWSNames { context.names }
    var mesh: String { names.mesh }

    var discovery: ServerDiscovery { .tasks }
    var serviceAddress: String { "\(names.virtualService):\(server.port)" }
    var healthSource: String { "Cloud Map" }

    func addRevision(_ tag: String, _ changes: InfraChanges) async throws -> RevisionRouting {
        let node = names.serverNode(tag)
        try await ensureInMesh(changes, "virtual node \(node)") {
            try await aws.appMesh.describeVirtualNode(meshName: mesh, virtualNodeName: node).virtualNodeName
        } create: {
            let discovery = AppMesh.AwsCloudMapServiceDiscovery(
                namespaceName: names.namespace,
                serviceName: names.serverDiscovery,
                attributes: [.init(key: AWSNames.taskSetAttribute, value: tag)]
            )
            let spec = AppMesh.VirtualNodeSpec(
                listeners: [
                    .init(
                        portMapping: .init(port: server.port, protocol: "grpc"),
                        healthCheck: .init(protocol: "grpc")
                    )
                ],
                serviceDiscovery: .init(awsCloudMap: discovery)
            )
            return try await aws.appMesh.createVirtualNode(
                meshName: mesh,
                virtualNodeName: node,
                spec: spec,
                tags: names.meshTags
            ).virtualNodeName
        }
        return routing(of: tag)
    }

    func routing(of tag: String) -> RevisionRouting {
        RevisionRouting(meshVirtualNode: names.serverNode(tag))
    }

    func clientRouting() async throws -> RevisionRouting { RevisionRouting(meshVirtualNode: names.clientNode) }

    /// The route's weighted targets by virtual node (one DescribeRoute); nil when there is no route yet.
    func targetWeights() async throws -> [String: Int]? {
        guard let route = try await describeRoute() else { return nil }
        let targets = route.spec?.grpcRoute?.action.weightedTargets ?? []
        return Dictionary(targets.map { ($0.virtualNode, $0.weight) }, uniquingKeysWith: +)
    }

    func revision(ofTarget target: String, among tags: [String]) -> String? {
        tags.first { names.serverNode($0) == target }
    }

    /// One UpdateRoute in the usual case (a shift); the route is created when there is none yet.
    func apply(_ route: Route) async throws {
        let targets = route.targets.map {
            AppMesh.WeightedTarget(virtualNode: names.serverNode($0.revision), weight: $0.weight)
        }
        let spec = AppMesh.RouteSpec(
            grpcRoute: .init(action: .init(weightedTargets: targets), match: .init(serviceName: server.grpcServiceName))
        )
        guard !targets.isEmpty else {
            // App Mesh needs at least one target; a route to nothing is no route.
            _ = try await ignoringNotFound {
                try await aws.appMesh.deleteRoute(
                    meshName: mesh,
                    virtualRouterName: names.virtualRouter,
                    routeName: names.route
                )
            }
            return
        }
        let updated = try await ignoringNotFound {
            try await aws.appMesh.updateRoute(
                meshName: mesh,
                virtualRouterName: names.virtualRouter,
                routeName: names.route,
                spec: spec
            )
        }
        guard updated == nil else { return }
        _ = try await aws.appMesh.createRoute(
            meshName: mesh,
            virtualRouterName: names.virtualRouter,
            routeName: names.route,
            spec: spec,
            tags: names.meshTags
        )
        Console.say("Created route \(names.route) in \(names.virtualRouter)")
    }

    private func describeRoute() async throws -> AppMesh.RouteData? {
        try await ignoringNotFound {
            try await aws.appMesh.describeRoute(
                meshName: mesh,
                virtualRouterName: names.virtualRouter,
                routeName: names.route
            )
        }
    }

    func removeRevision(_ tag: String) async throws {
        _ = try await ignoringNotFound {
            try await aws.appMesh.deleteVirtualNode(meshName: mesh, virtualNodeName: names.serverNode(tag))
        }
    }

    /// Cloud Map's view: ECS registers each task of a task set with the set's external id (the
    /// revision's tag) and reports its health there; a virtual node sends traffic only to HEALTHY ones.
    func targetHealth() async throws -> [TargetHealth] {
        guard let serviceID = try await serverDiscoveryID() else { return [] }
        async let instances = aws.cloudMap.listInstances(serviceId: serviceID)
        let health = try await aws.cloudMap.getInstancesHealthStatus(serviceId: serviceID)
        return try await instances.map {
            TargetHealth(
                taskID: $0.Id,
                revision: $0.Attributes?[AWSNames.taskSetAttribute],
                state: health[$0.Id] ?? "UNKNOWN"
            )
        }
    }

    /// Looked up once per command: the namespace and its services do not change during one.
    func serverDiscoveryID() async throws -> String? {
        try await context.once(\.serverDiscoveryID) {
            try await aws.cloudMap.serviceID(named: names.serverDiscovery, inNamespaceNamed: names.namespace)
        }
    }
}
