import ToolboxSigV4

/// AWS App Mesh (REST-JSON): mesh, virtual nodes, virtual routers, routes and virtual services.
/// Each answer's body is the resource itself (`MeshData`, `VirtualNodeData`, ...).
///
/// AWS discontinued App Mesh on 2026-09-30; the client stays for the emulator and for teams moving off it.
public struct AppMesh: AWSServiceAPI {
    public static let service = AWSService(name: "appmesh", endpointVariableID: "APP_MESH", wireProtocol: .restJSON)
    public let client: AWSClient

    public init(client: AWSClient) { self.client = client }

    // MARK: Mesh

    public func createMesh(meshName: String, spec: MeshSpec = MeshSpec(), tags: [Tag]? = nil) async throws -> MeshData {
        try await create(.meshes, name: meshName, spec: spec, tags: tags)
    }
    public func describeMesh(meshName: String) async throws -> MeshData {
        try await describe(.meshes, meshName)
    }
    public func updateMesh(meshName: String, spec: MeshSpec) async throws -> MeshData {
        try await update(.meshes, meshName, spec: spec)
    }
    public func deleteMesh(meshName: String) async throws -> MeshData {
        try await delete(.meshes, meshName)
    }

    // MARK: Virtual nodes

    public func createVirtualNode(meshName: String, virtualNodeName: String, spec: VirtualNodeSpec, tags: [Tag]? = nil)
        async throws -> VirtualNodeData
    {
        try await create(.virtualNodes(meshName), name: virtualNodeName, spec: spec, tags: tags)
    }
    public func describeVirtualNode(meshName: String, virtualNodeName: String) async throws -> VirtualNodeData {
        try await describe(.virtualNodes(meshName), virtualNodeName)
    }
    public func updateVirtualNode(meshName: String, virtualNodeName: String, spec: VirtualNodeSpec) async throws
        -> VirtualNodeData
    {
        try await update(.virtualNodes(meshName), virtualNodeName, spec: spec)
    }
    public func deleteVirtualNode(meshName: String, virtualNodeName: String) async throws -> VirtualNodeData {
        try await delete(.virtualNodes(meshName), virtualNodeName)
    }
    /// Every virtual node of a mesh (names only, as the API's list answers).
    public func listVirtualNodes(meshName: String) async throws -> [String] {
        try await list(.virtualNodes(meshName), \ListVirtualNodesOutput.virtualNodes, \.virtualNodeName)
    }

    // MARK: Virtual routers

    public func createVirtualRouter(
        meshName: String, virtualRouterName: String, spec: VirtualRouterSpec, tags: [Tag]? = nil
    ) async throws -> VirtualRouterData {
        try await create(.virtualRouters(meshName), name: virtualRouterName, spec: spec, tags: tags)
    }
    public func describeVirtualRouter(meshName: String, virtualRouterName: String) async throws -> VirtualRouterData {
        try await describe(.virtualRouters(meshName), virtualRouterName)
    }
    public func updateVirtualRouter(meshName: String, virtualRouterName: String, spec: VirtualRouterSpec) async throws
        -> VirtualRouterData
    {
        try await update(.virtualRouters(meshName), virtualRouterName, spec: spec)
    }
    public func listVirtualRouters(meshName: String) async throws -> [String] {
        try await list(.virtualRouters(meshName), \ListVirtualRoutersOutput.virtualRouters, \.virtualRouterName)
    }
    public func deleteVirtualRouter(meshName: String, virtualRouterName: String) async throws -> VirtualRouterData {
        try await delete(.virtualRouters(meshName), virtualRouterName)
    }

    // MARK: Routes

    public func createRoute(
        meshName: String, virtualRouterName: String, routeName: String, spec: RouteSpec, tags: [Tag]? = nil
    ) async throws -> RouteData {
        try await create(.routes(meshName, virtualRouterName), name: routeName, spec: spec, tags: tags)
    }
    public func describeRoute(meshName: String, virtualRouterName: String, routeName: String) async throws -> RouteData
    {
        try await describe(.routes(meshName, virtualRouterName), routeName)
    }
    /// How traffic is shifted: the same route with new weighted targets.
    public func updateRoute(meshName: String, virtualRouterName: String, routeName: String, spec: RouteSpec)
        async throws -> RouteData
    {
        try await update(.routes(meshName, virtualRouterName), routeName, spec: spec)
    }
    public func listRoutes(meshName: String, virtualRouterName: String) async throws -> [String] {
        try await list(.routes(meshName, virtualRouterName), \ListRoutesOutput.routes, \.routeName)
    }
    public func deleteRoute(meshName: String, virtualRouterName: String, routeName: String) async throws -> RouteData {
        try await delete(.routes(meshName, virtualRouterName), routeName)
    }

    // MARK: Virtual services (moto 5.2.1 has none: scripts/emulator/toolbox_moto.py adds them)

    public func createVirtualService(
        meshName: String, virtualServiceName: String, spec: VirtualServiceSpec, tags: [Tag]? = nil
    ) async throws -> VirtualServiceData {
        try await create(.virtualServices(meshName), name: virtualServiceName, spec: spec, tags: tags)
    }
    public func describeVirtualService(meshName: String, virtualServiceName: String) async throws -> VirtualServiceData
    {
        try await describe(.virtualServices(meshName), virtualServiceName)
    }
    public func listVirtualServices(meshName: String) async throws -> [String] {
        try await list(.virtualServices(meshName), \ListVirtualServicesOutput.virtualServices, \.virtualServiceName)
    }
    public func deleteVirtualService(meshName: String, virtualServiceName: String) async throws -> VirtualServiceData {
        try await delete(.virtualServices(meshName), virtualServiceName)
    }
}

extension AppMesh {
    /// One resource kind's REST collection, under `/v20190125/meshes`: a create is a PUT on the
    /// collection, a list a GET on it; describe, update and delete act on `<collection>/<name>`.
    struct ResourceCollection {
        /// The operations' noun: "VirtualNode" names CreateVirtualNode, ..., ListVirtualNodes.
        var noun: String
        var path: String
        /// The key of the resource's name in a create's body.
        var nameKey: String

        static let meshes = ResourceCollection(noun: "Mesh", path: "", nameKey: "meshName")
        static func virtualNodes(_ mesh: String) -> ResourceCollection { inMesh(mesh, "VirtualNode") }
        static func virtualRouters(_ mesh: String) -> ResourceCollection { inMesh(mesh, "VirtualRouter") }
        static func virtualServices(_ mesh: String) -> ResourceCollection { inMesh(mesh, "VirtualService") }
        /// A router's routes (the API's path says "virtualRouter", singular, here).
        static func routes(_ mesh: String, _ router: String) -> ResourceCollection {
            let path = segment(mesh) + "/virtualRouter" + segment(router) + "/routes"
            return ResourceCollection(noun: "Route", path: path, nameKey: "routeName")
        }
        /// A kind listed at `<mesh>/virtualNodes` whose create names it under `virtualNodeName`.
        private static func inMesh(_ mesh: String, _ noun: String) -> ResourceCollection {
            let kind = noun.prefix(1).lowercased() + noun.dropFirst()
            return ResourceCollection(noun: noun, path: segment(mesh) + "/\(kind)s", nameKey: kind + "Name")
        }

        static func segment(_ name: String) -> String { "/" + URIEncoding.encode(name) }
        func item(_ name: String) -> String { path + Self.segment(name) }
    }

    private func resource<Output: Decodable>(
        _ operation: String, _ method: String, _ path: String, body: (some Encodable)? = AWSEmptyInput?.none
    ) async throws -> Output {
        try await client.restJSON(Self.service, operation, method: method, path: "/v20190125/meshes" + path, body: body)
    }

    private func create<Output: Decodable>(
        _ collection: ResourceCollection, name: String, spec: some Encodable, tags: [Tag]?
    ) async throws -> Output {
        let body = CreateBody(nameKey: collection.nameKey, name: name, spec: spec, tags: tags)
        return try await resource("Create" + collection.noun, "PUT", collection.path, body: body)
    }
    private func describe<Output: Decodable>(_ collection: ResourceCollection, _ name: String) async throws -> Output {
        try await resource("Describe" + collection.noun, "GET", collection.item(name))
    }
    private func update<Output: Decodable>(_ collection: ResourceCollection, _ name: String, spec: some Encodable)
        async throws -> Output
    {
        try await resource("Update" + collection.noun, "PUT", collection.item(name), body: UpdateBody(spec: spec))
    }
    private func delete<Output: Decodable>(_ collection: ResourceCollection, _ name: String) async throws -> Output {
        try await resource("Delete" + collection.noun, "DELETE", collection.item(name))
    }
    /// The first page's names (the toolbox's meshes hold a handful of each kind).
    private func list<Page: Decodable, Reference>(
        _ collection: ResourceCollection, _ items: KeyPath<Page, [Reference]>, _ name: KeyPath<Reference, String>
    ) async throws -> [String] {
        let page: Page = try await resource("List" + collection.noun + "s", "GET", collection.path)
        return page[keyPath: items].map { $0[keyPath: name] }
    }
}
