import Foundation
import Testing
import Toolbox

/// Cloud Map against moto: namespace (an asynchronous operation), service, instances as ECS would
/// register them, custom health.
@Suite("Cloud Map against moto")
struct AWSCloudMapIntegrationTests {
    @Test func namespaceServiceInstancesAndHealthRoundTrip() async throws {
        try await withAWSEmulator { endpoint in
            let cloudMap = CloudMap(client: testClient(endpoint: endpoint))
            let started = try await cloudMap.createPrivateDnsNamespace(
                .init(name: "demo.local", vpc: "vpc-12345", tags: [.init(key: "project", value: "demo")]))
            let operation = try await cloudMap.getOperation(operationId: started.OperationId)
            #expect(operation.Status == "SUCCESS")
            let namespaceId = try #require(operation.Targets?["NAMESPACE"])
            #expect(try await cloudMap.getNamespace(id: namespaceId).Name == "demo.local")
            #expect(try await cloudMap.listNamespaces().map(\.Id) == [namespaceId])

            let service = try await cloudMap.createService(.init(name: "echo_server", namespaceId: namespaceId))
            #expect(try await cloudMap.getService(id: service.Id).Name == "echo_server")
            #expect(try await cloudMap.listServices(namespaceId: namespaceId).map(\.Name) == ["echo_server"])

            _ = try await cloudMap.registerInstance(
                serviceId: service.Id, instanceId: "task-1",
                attributes: ["AWS_INSTANCE_IPV4": "10.0.1.5", "ECS_TASK_SET_EXTERNAL_ID": "v1-0"])
            let instances = try await cloudMap.listInstances(serviceId: service.Id)
            #expect(instances.map(\.Id) == ["task-1"])
            #expect(instances.first?.Attributes?["ECS_TASK_SET_EXTERNAL_ID"] == "v1-0")
            try await cloudMap.updateInstanceCustomHealthStatus(
                serviceId: service.Id, instanceId: "task-1", status: "HEALTHY")
            #expect(try await cloudMap.getInstancesHealthStatus(serviceId: service.Id)["task-1"] == "HEALTHY")

            _ = try await cloudMap.deregisterInstance(serviceId: service.Id, instanceId: "task-1")
            #expect(try await cloudMap.listInstances(serviceId: service.Id).isEmpty)
            try await cloudMap.deleteService(id: service.Id)
            _ = try await cloudMap.deleteNamespace(id: namespaceId)
            let gone = await #expect(throws: AWSError.self) { _ = try await cloudMap.getService(id: service.Id) }
            #expect(gone?.isNotFound == true)
        }
    }
}
