import Foundation
import Testing
import Toolbox

/// App Mesh against moto (mesh, nodes, router, gRPC route with weights), and virtual services
/// (which moto lacks) against a recording transport.
@Suite("App Mesh against moto")
struct AWSAppMeshIntegrationTests {
    static func node(_ revision: String) -> AppMesh.VirtualNodeSpec {
        AppMesh.VirtualNodeSpec(
            listeners: [.init(portMapping: .init(port: 50051, protocol: "grpc"))],
            serviceDiscovery: .init(
                awsCloudMap: .init(
                    namespaceName: "demo.local", serviceName: "echo_server",
                    attributes: [.init(key: "ECS_TASK_SET_EXTERNAL_ID", value: revision)])))
    }

    static func route(_ targets: [(String, Int)]) -> AppMesh.RouteSpec {
        AppMesh.RouteSpec(
            grpcRoute: .init(
                action: .init(weightedTargets: targets.map { .init(virtualNode: $0.0, weight: $0.1) }),
                match: .init(serviceName: "proto.echo.EchoService")))
    }

    @Test func meshNodesRouterAndWeightedRouteRoundTrip() async throws {
        try await withAWSEmulator { endpoint in
            let mesh = AppMesh(client: testClient(endpoint: endpoint))
            let created = try await mesh.createMesh(meshName: "demo-mesh", tags: [.init(key: "project", value: "demo")])
            #expect(created.meshName == "demo-mesh" && created.metadata?.arn != nil)
            _ = try await mesh.updateMesh(meshName: "demo-mesh", spec: .init(egressFilter: .init(type: "DROP_ALL")))
            #expect(try await mesh.describeMesh(meshName: "demo-mesh").spec?.egressFilter?.type == "DROP_ALL")

            _ = try await mesh.createVirtualNode(
                meshName: "demo-mesh", virtualNodeName: "echo_server_v1", spec: Self.node("v1"))
            _ = try await mesh.createVirtualNode(
                meshName: "demo-mesh", virtualNodeName: "echo_server_v2", spec: Self.node("v2"))
            let node = try await mesh.describeVirtualNode(meshName: "demo-mesh", virtualNodeName: "echo_server_v2")
            #expect(node.spec == Self.node("v2"))
            _ = try await mesh.updateVirtualNode(
                meshName: "demo-mesh", virtualNodeName: "echo_server_v2", spec: Self.node("v2b"))

            let routerSpec = AppMesh.VirtualRouterSpec(listeners: [
                .init(portMapping: .init(port: 50051, protocol: "grpc"))
            ])
            _ = try await mesh.createVirtualRouter(
                meshName: "demo-mesh", virtualRouterName: "echo_server", spec: routerSpec)
            #expect(
                try await mesh.describeVirtualRouter(meshName: "demo-mesh", virtualRouterName: "echo_server").spec
                    == routerSpec)
            _ = try await mesh.updateVirtualRouter(
                meshName: "demo-mesh", virtualRouterName: "echo_server", spec: routerSpec)

            _ = try await mesh.createRoute(
                meshName: "demo-mesh", virtualRouterName: "echo_server", routeName: "echo",
                spec: Self.route([("echo_server_v1", 100)]))
            _ = try await mesh.updateRoute(
                meshName: "demo-mesh", virtualRouterName: "echo_server", routeName: "echo",
                spec: Self.route([("echo_server_v1", 50), ("echo_server_v2", 50)]))
            let route = try await mesh.describeRoute(
                meshName: "demo-mesh", virtualRouterName: "echo_server", routeName: "echo")
            #expect(route.spec?.grpcRoute?.action.weightedTargets.map(\.weight) == [50, 50])
            #expect(route.spec?.grpcRoute?.match.serviceName == "proto.echo.EchoService")

            _ = try await mesh.deleteRoute(meshName: "demo-mesh", virtualRouterName: "echo_server", routeName: "echo")
            _ = try await mesh.deleteVirtualRouter(meshName: "demo-mesh", virtualRouterName: "echo_server")
            _ = try await mesh.deleteVirtualNode(meshName: "demo-mesh", virtualNodeName: "echo_server_v1")
            _ = try await mesh.deleteVirtualNode(meshName: "demo-mesh", virtualNodeName: "echo_server_v2")
            _ = try await mesh.deleteMesh(meshName: "demo-mesh")
            let gone = await #expect(throws: AWSError.self) { _ = try await mesh.describeMesh(meshName: "demo-mesh") }
            #expect(gone?.isNotFound == true)
        }
    }

    @Test func virtualServiceIsAPutOnTheMeshCollection() async throws {
        let answer =
            #"{"meshName":"m","virtualServiceName":"echo_server.demo.local","spec":{"provider":{"virtualRouter":{"virtualRouterName":"r"}}}}"#
        let transport = RecordingTransport(body: answer)
        let mesh = AppMesh(client: testClient(endpoint: "http://127.0.0.1:1", transport: transport))
        let spec = AppMesh.VirtualServiceSpec(provider: .init(virtualRouter: .init(virtualRouterName: "r")))
        let created = try await mesh.createVirtualService(
            meshName: "m", virtualServiceName: "echo_server.demo.local", spec: spec)
        #expect(created.spec == spec)
        let request = try #require(transport.requests.first)
        #expect(request.method == "PUT" && request.url == "http://127.0.0.1:1/v20190125/meshes/m/virtualServices")
        let body = try #require(try JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any])
        #expect(body["virtualServiceName"] as? String == "echo_server.demo.local")
        #expect((body["clientToken"] as? String)?.isEmpty == false)
    }
}
