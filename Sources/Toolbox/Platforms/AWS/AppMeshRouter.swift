import ToolboxAWS
import ToolboxCore

/// The original's router: mesh `<project>-mesh`, a virtual router with one gRPC route matching the
/// service (`proto.echo.EchoService`), the virtual service `echo_server.<project>.local`, and a
/// virtual node per revision that selects its tasks in Cloud Map by the task set's external id.
struct AppMeshRouter: TrafficRouter {
    let aws: AWSServices
    let names: AWSNames
    let server: ServiceSpec
    let client: ServiceSpec

    let discoveryID = OnceValue<String>()

    var mesh: String { names.mesh }

    var discovery: ServerDiscovery { .tasks }
    var serviceAddress: String { "\(names.virtualService):\(server.port)" }
    var healthSource: String { "Cloud Map" }

    static let envoyPolicy = "arn:aws:iam::aws:policy/AWSAppMeshEnvoyAccess"

    func ensureInfrastructure(_ changes: InfraChanges, network: NetworkIDs) async throws {
        let appMesh = aws.appMesh
        // The Envoy sidecars read their configuration from App Mesh with the task role.
        let role = changes.changes.contains(.create("IAM role \(names.taskRole)"))
            ? InfraChanges.placeholder(names.taskRole) : names.taskRole
        try await changes.converge("policy AWSAppMeshEnvoyAccess attached to \(names.taskRole)", after: [role]) {
            try await aws.iam.listAttachedRolePolicies(roleName: names.taskRole).contains { $0.PolicyArn == Self.envoyPolicy }
        } apply: {
            try await aws.iam.attachRolePolicy(roleName: names.taskRole, policyArn: Self.envoyPolicy)
        }
        _ = try await changes.ensure("App Mesh mesh \(mesh)") {
            try await ignoringNotFound { try await appMesh.describeMesh(meshName: mesh) }.map(\.meshName)
        } create: {
            try await appMesh.createMesh(meshName: mesh, tags: names.meshTags).meshName
        }
        _ = try await changes.ensure("virtual router \(names.virtualRouter)", after: [placeholderIfPlanned(changes)]) {
            try await ignoringNotFound {
                try await appMesh.describeVirtualRouter(meshName: mesh, virtualRouterName: names.virtualRouter)
            }
            .map(\.virtualRouterName)
        } create: {
            let listener = AppMesh.VirtualRouterListener(portMapping: .init(port: server.port, protocol: "grpc"))
            return try await appMesh.createVirtualRouter(
                meshName: mesh,
                virtualRouterName: names.virtualRouter,
                spec: .init(listeners: [listener]),
                tags: names.meshTags
            ).virtualRouterName
        }
        _ = try await changes.ensure("virtual service \(names.virtualService)", after: [placeholderIfPlanned(changes)])
        {
            try await ignoringNotFound {
                try await appMesh.describeVirtualService(meshName: mesh, virtualServiceName: names.virtualService)
            }
            .map(\.virtualServiceName)
        } create: {
            let provider = AppMesh.VirtualServiceProvider(virtualRouter: .init(virtualRouterName: names.virtualRouter))
            return try await appMesh.createVirtualService(
                meshName: mesh,
                virtualServiceName: names.virtualService,
                spec: .init(provider: provider),
                tags: names.meshTags
            ).virtualServiceName
        }
        _ = try await changes.ensure("virtual node \(names.clientNode)", after: [placeholderIfPlanned(changes)]) {
            try await ignoringNotFound {
                try await appMesh.describeVirtualNode(meshName: mesh, virtualNodeName: names.clientNode)
            }
            .map(\.virtualNodeName)
        } create: {
            let spec = AppMesh.VirtualNodeSpec(
                listeners: [
                    .init(
                        portMapping: .init(port: client.port, protocol: "http"),
                        healthCheck: .init(protocol: "http", path: client.healthPath ?? "/")
                    )
                ],
                serviceDiscovery: .init(
                    awsCloudMap: .init(
                        namespaceName: names.namespace,
                        serviceName: names.clientDiscovery,
                        attributes: []
                    )
                ),
                backends: [.init(virtualServiceName: names.virtualService)]
            )
            return try await appMesh.createVirtualNode(
                meshName: mesh,
                virtualNodeName: names.clientNode,
                spec: spec,
                tags: names.meshTags
            ).virtualNodeName
        }
    }

    /// A plan that creates the mesh cannot look inside it.
    private func placeholderIfPlanned(_ changes: InfraChanges) -> String {
        changes.changes.contains(.create("App Mesh mesh \(mesh)")) ? InfraChanges.placeholder(mesh) : mesh
    }

    func addRevision(_ tag: String, _ changes: InfraChanges) async throws -> RevisionRouting {
        let node = names.serverNode(tag)
        _ = try await changes.ensure("virtual node \(node)", after: [placeholderIfPlanned(changes)]) {
            try await ignoringNotFound {
                try await aws.appMesh.describeVirtualNode(meshName: mesh, virtualNodeName: node)
            }
            .map(\.virtualNodeName)
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
            )
            .virtualNodeName
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
        if let known = discoveryID.get() { return known }
        let found = try await aws.cloudMap.serviceID(named: names.serverDiscovery, inNamespaceNamed: names.namespace)
        if let found { discoveryID.set(found) }
        return found
    }

    func tearDown(_ changes: InfraChanges) async throws {
        let appMesh = aws.appMesh
        guard try await ignoringNotFound({ try await appMesh.describeMesh(meshName: mesh) }) != nil else { return }
        let routers = try await appMesh.listVirtualRouters(meshName: mesh)
        for router in routers {
            for route in try await appMesh.listRoutes(meshName: mesh, virtualRouterName: router) {
                try await changes.remove("route \(route)", exists: true) {
                    _ = try await ignoringNotFound {
                        try await appMesh.deleteRoute(meshName: mesh, virtualRouterName: router, routeName: route)
                    }
                }
            }
        }
        for service in try await appMesh.listVirtualServices(meshName: mesh) {
            try await changes.remove("virtual service \(service)", exists: true) {
                _ = try await ignoringNotFound {
                    try await appMesh.deleteVirtualService(meshName: mesh, virtualServiceName: service)
                }
            }
        }
        for router in routers {
            try await changes.remove("virtual router \(router)", exists: true) {
                _ = try await ignoringNotFound {
                    try await appMesh.deleteVirtualRouter(meshName: mesh, virtualRouterName: router)
                }
            }
        }
        for node in try await appMesh.listVirtualNodes(meshName: mesh) {
            try await changes.remove("virtual node \(node)", exists: true) {
                _ = try await ignoringNotFound {
                    try await appMesh.deleteVirtualNode(meshName: mesh, virtualNodeName: node)
                }
            }
        }
        try await changes.remove("App Mesh mesh \(mesh)", exists: true) {
            _ = try await ignoringNotFound { try await appMesh.deleteMesh(meshName: mesh) }
        }
    }
}
