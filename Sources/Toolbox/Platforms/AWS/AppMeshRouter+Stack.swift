import ToolboxAWS
import ToolboxCore

/// The App Mesh router's stack: the Envoy sidecars' access, the mesh, the virtual router, the
/// virtual service it provides and the clients' virtual node; destroyed with every revision's
/// virtual node and the route.
extension AppMeshRouter {
    static let envoyPolicy = "arn:aws:iam::aws:policy/AWSAppMeshEnvoyAccess"

    func ensure(_ changes: InfraChanges, _ build: inout InfraBuild) async throws {
        let appMesh = aws.appMesh
        // The Envoy sidecars read their configuration from App Mesh with the task role.
        let role =
            changes.changes.contains(.create("IAM role \(names.taskRole)"))
            ? InfraChanges.placeholder(names.taskRole) : names.taskRole
        try await changes.converge("policy AWSAppMeshEnvoyAccess attached to \(names.taskRole)", after: [role]) {
            try await aws.iam.listAttachedRolePolicies(roleName: names.taskRole).contains {
                $0.PolicyArn == Self.envoyPolicy
            }
        } apply: {
            try await aws.iam.attachRolePolicy(roleName: names.taskRole, policyArn: Self.envoyPolicy)
        }
        _ = try await changes.ensure("App Mesh mesh \(mesh)") {
            try await find()
        } create: {
            try await appMesh.createMesh(meshName: mesh, tags: names.meshTags).meshName
        }
        try await ensureInMesh(changes, "virtual router \(names.virtualRouter)") {
            try await appMesh.describeVirtualRouter(meshName: mesh, virtualRouterName: names.virtualRouter)
                .virtualRouterName
        } create: {
            let listener = AppMesh.VirtualRouterListener(portMapping: .init(port: server.port, protocol: "grpc"))
            return try await appMesh.createVirtualRouter(
                meshName: mesh,
                virtualRouterName: names.virtualRouter,
                spec: .init(listeners: [listener]),
                tags: names.meshTags
            ).virtualRouterName
        }
        try await ensureInMesh(changes, "virtual service \(names.virtualService)") {
            try await appMesh.describeVirtualService(meshName: mesh, virtualServiceName: names.virtualService)
                .virtualServiceName
        } create: {
            let provider = AppMesh.VirtualServiceProvider(virtualRouter: .init(virtualRouterName: names.virtualRouter))
            return try await appMesh.createVirtualService(
                meshName: mesh,
                virtualServiceName: names.virtualService,
                spec: .init(provider: provider),
                tags: names.meshTags
            ).virtualServiceName
        }
        try await ensureClientNode(changes)
    }

    /// The clients' virtual node: their Envoy reaches the virtual service (its only backend).
    private func ensureClientNode(_ changes: InfraChanges) async throws {
        try await ensureInMesh(changes, "virtual node \(names.clientNode)") {
            try await aws.appMesh.describeVirtualNode(meshName: mesh, virtualNodeName: names.clientNode).virtualNodeName
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
            return try await aws.appMesh.createVirtualNode(
                meshName: mesh,
                virtualNodeName: names.clientNode,
                spec: spec,
                tags: names.meshTags
            ).virtualNodeName
        }
    }

    /// A resource inside the mesh: `describe` finds it (its "not found" means missing), `create`
    /// makes it. A plan that creates the mesh cannot look inside it.
    func ensureInMesh(
        _ changes: InfraChanges,
        _ what: String,
        describe: () async throws -> String,
        create: () async throws -> String
    ) async throws {
        let planned = changes.changes.contains(.create("App Mesh mesh \(mesh)"))
        _ = try await changes.ensure(what, after: [planned ? InfraChanges.placeholder(mesh) : mesh]) {
            try await ignoringNotFound { try await describe() }
        } create: {
            try await create()
        }
    }

    /// The mesh's name, nil when there is none.
    func find() async throws -> String? {
        try await ignoringNotFound { try await aws.appMesh.describeMesh(meshName: mesh) }.map(\.meshName)
    }

    /// Routes, virtual services, virtual routers, virtual nodes (every revision's too), the mesh.
    func destroy(_ changes: InfraChanges) async throws {
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
