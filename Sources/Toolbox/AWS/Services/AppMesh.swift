import ToolboxSigV4

/// AWS App Mesh (REST-JSON): mesh, virtual nodes, virtual routers, routes and virtual services.
/// Each answer's body is the resource itself (`MeshData`, `VirtualNodeData`, ...).
///
/// AWS discontinued App Mesh on 2026-09-30; the client stays for the emulator and for teams moving off it.
public struct AppMesh: Sendable {
    public static let service = AWSService(name: "appmesh", endpointVariableID: "APP_MESH", wireProtocol: .restJSON)
    public let client: AWSClient

    public init(client: AWSClient) { self.client = client }

    /// One resource kind's REST collection: create (PUT collection), describe/update/delete (on the item).
    private func resource<Output: Decodable>(
        _ operation: String, _ method: String, _ path: String, body: (some Encodable)? = AWSEmptyInput?.none
    ) async throws -> Output {
        try await client.restJSON(Self.service, operation, method: method, path: "/v20190125/meshes" + path, body: body)
    }

    private static func segment(_ name: String) -> String { "/" + URIEncoding.encode(name) }

    // MARK: Mesh

    public func createMesh(meshName: String, spec: MeshSpec = MeshSpec(), tags: [Tag]? = nil) async throws -> MeshData {
        try await resource("CreateMesh", "PUT", "", body: CreateBody(meshName: meshName, spec: spec, tags: tags))
    }
    public func describeMesh(meshName: String) async throws -> MeshData {
        try await resource("DescribeMesh", "GET", Self.segment(meshName))
    }
    public func updateMesh(meshName: String, spec: MeshSpec) async throws -> MeshData {
        try await resource("UpdateMesh", "PUT", Self.segment(meshName), body: UpdateBody(spec: spec))
    }
    public func deleteMesh(meshName: String) async throws -> MeshData {
        try await resource("DeleteMesh", "DELETE", Self.segment(meshName))
    }

    // MARK: Virtual nodes

    public func createVirtualNode(meshName: String, virtualNodeName: String, spec: VirtualNodeSpec, tags: [Tag]? = nil)
        async throws -> VirtualNodeData
    {
        let body = CreateBody(virtualNodeName: virtualNodeName, spec: spec, tags: tags)
        return try await resource("CreateVirtualNode", "PUT", Self.segment(meshName) + "/virtualNodes", body: body)
    }
    public func describeVirtualNode(meshName: String, virtualNodeName: String) async throws -> VirtualNodeData {
        try await resource(
            "DescribeVirtualNode", "GET", Self.segment(meshName) + "/virtualNodes" + Self.segment(virtualNodeName))
    }
    public func updateVirtualNode(meshName: String, virtualNodeName: String, spec: VirtualNodeSpec) async throws
        -> VirtualNodeData
    {
        let path = Self.segment(meshName) + "/virtualNodes" + Self.segment(virtualNodeName)
        return try await resource("UpdateVirtualNode", "PUT", path, body: UpdateBody(spec: spec))
    }
    public func deleteVirtualNode(meshName: String, virtualNodeName: String) async throws -> VirtualNodeData {
        try await resource(
            "DeleteVirtualNode", "DELETE", Self.segment(meshName) + "/virtualNodes" + Self.segment(virtualNodeName))
    }

    /// Every virtual node of a mesh (names only, as the API's list answers).
    public func listVirtualNodes(meshName: String) async throws -> [String] {
        let output: ListVirtualNodesOutput = try await resource(
            "ListVirtualNodes", "GET", Self.segment(meshName) + "/virtualNodes")
        return output.virtualNodes.map(\.virtualNodeName)
    }

    // MARK: Virtual routers

    public func createVirtualRouter(
        meshName: String, virtualRouterName: String, spec: VirtualRouterSpec, tags: [Tag]? = nil
    )
        async throws -> VirtualRouterData
    {
        let body = CreateBody(virtualRouterName: virtualRouterName, spec: spec, tags: tags)
        return try await resource("CreateVirtualRouter", "PUT", Self.segment(meshName) + "/virtualRouters", body: body)
    }
    public func describeVirtualRouter(meshName: String, virtualRouterName: String) async throws -> VirtualRouterData {
        let path = Self.segment(meshName) + "/virtualRouters" + Self.segment(virtualRouterName)
        return try await resource("DescribeVirtualRouter", "GET", path)
    }
    public func updateVirtualRouter(meshName: String, virtualRouterName: String, spec: VirtualRouterSpec) async throws
        -> VirtualRouterData
    {
        let path = Self.segment(meshName) + "/virtualRouters" + Self.segment(virtualRouterName)
        return try await resource("UpdateVirtualRouter", "PUT", path, body: UpdateBody(spec: spec))
    }
    public func listVirtualRouters(meshName: String) async throws -> [String] {
        let output: ListVirtualRoutersOutput = try await resource(
            "ListVirtualRouters", "GET", Self.segment(meshName) + "/virtualRouters")
        return output.virtualRouters.map(\.virtualRouterName)
    }
    public func deleteVirtualRouter(meshName: String, virtualRouterName: String) async throws -> VirtualRouterData {
        let path = Self.segment(meshName) + "/virtualRouters" + Self.segment(virtualRouterName)
        return try await resource("DeleteVirtualRouter", "DELETE", path)
    }

    // MARK: Routes (the API's path says "virtualRouter", singular)

    private static func routes(_ meshName: String, _ routerName: String) -> String {
        segment(meshName) + "/virtualRouter" + segment(routerName) + "/routes"
    }
    public func createRoute(
        meshName: String, virtualRouterName: String, routeName: String, spec: RouteSpec, tags: [Tag]? = nil
    )
        async throws -> RouteData
    {
        let body = CreateBody(routeName: routeName, spec: spec, tags: tags)
        return try await resource("CreateRoute", "PUT", Self.routes(meshName, virtualRouterName), body: body)
    }
    public func describeRoute(meshName: String, virtualRouterName: String, routeName: String) async throws -> RouteData
    {
        try await resource("DescribeRoute", "GET", Self.routes(meshName, virtualRouterName) + Self.segment(routeName))
    }
    /// How traffic is shifted: the same route with new weighted targets.
    public func updateRoute(meshName: String, virtualRouterName: String, routeName: String, spec: RouteSpec)
        async throws
        -> RouteData
    {
        let path = Self.routes(meshName, virtualRouterName) + Self.segment(routeName)
        return try await resource("UpdateRoute", "PUT", path, body: UpdateBody(spec: spec))
    }
    public func listRoutes(meshName: String, virtualRouterName: String) async throws -> [String] {
        let output: ListRoutesOutput = try await resource("ListRoutes", "GET", Self.routes(meshName, virtualRouterName))
        return output.routes.map(\.routeName)
    }
    public func deleteRoute(meshName: String, virtualRouterName: String, routeName: String) async throws -> RouteData {
        try await resource("DeleteRoute", "DELETE", Self.routes(meshName, virtualRouterName) + Self.segment(routeName))
    }

    // MARK: Virtual services (moto 5.2.1 has none: scripts/emulator/toolbox_moto.py adds them)

    public func createVirtualService(
        meshName: String, virtualServiceName: String, spec: VirtualServiceSpec, tags: [Tag]? = nil
    )
        async throws -> VirtualServiceData
    {
        let body = CreateBody(virtualServiceName: virtualServiceName, spec: spec, tags: tags)
        return try await resource(
            "CreateVirtualService", "PUT", Self.segment(meshName) + "/virtualServices", body: body)
    }
    public func describeVirtualService(meshName: String, virtualServiceName: String) async throws -> VirtualServiceData
    {
        let path = Self.segment(meshName) + "/virtualServices" + Self.segment(virtualServiceName)
        return try await resource("DescribeVirtualService", "GET", path)
    }
    public func listVirtualServices(meshName: String) async throws -> [String] {
        let output: ListVirtualServicesOutput = try await resource(
            "ListVirtualServices", "GET", Self.segment(meshName) + "/virtualServices")
        return output.virtualServices.map(\.virtualServiceName)
    }
    public func deleteVirtualService(meshName: String, virtualServiceName: String) async throws -> VirtualServiceData {
        let path = Self.segment(meshName) + "/virtualServices" + Self.segment(virtualServiceName)
        return try await resource("DeleteVirtualService", "DELETE", path)
    }
}
