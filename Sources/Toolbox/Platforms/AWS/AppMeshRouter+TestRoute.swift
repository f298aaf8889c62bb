import ToolboxAWS
import ToolboxCore

extension AppMeshRouter {
    var testRoute: String { "\(names.route)-test" }

    /// A gRPC route of its own, before the weighted one (priority 0): calls carrying `header` as
    /// metadata go to the revision's virtual node alone.
    func addTestRoute(_ tag: String, header: String) async throws {
        try await removeTestRoute(header: header)
        let target = AppMesh.WeightedTarget(virtualNode: names.serverNode(tag), weight: 1)
        let match = AppMesh.GrpcRouteMatch(serviceName: server.grpcServiceName, metadata: [.init(name: header)])
        _ = try await aws.appMesh.createRoute(
            meshName: mesh, virtualRouterName: names.virtualRouter, routeName: testRoute,
            spec: AppMesh.RouteSpec(grpcRoute: .init(action: .init(weightedTargets: [target]), match: match), priority: 0),
            tags: names.meshTags)
    }

    func removeTestRoute(header: String) async throws {
        _ = try await ignoringNotFound {
            try await aws.appMesh.deleteRoute(meshName: mesh, virtualRouterName: names.virtualRouter, routeName: testRoute)
        }
    }
}
