import Foundation
import Testing
import Toolbox

/// ECS against moto's server: the calls the AWS platform makes for a rollout with task sets.
@Suite("ECS against moto")
struct AWSECSIntegrationTests {
    @Test func clusterTaskDefinitionServiceAndTaskSetRoundTrip() async throws {
        try await withAWSEmulator { endpoint in
            let ecs = ECS(client: testClient(endpoint: endpoint))
            let cluster = try await ecs.createCluster(
                .init(clusterName: "demo", tags: [.init(key: "project", value: "demo")]))
            #expect(cluster.cluster.clusterName == "demo")
            #expect(try await ecs.describeClusters(.init(clusters: ["demo"])).clusters.map(\.clusterName) == ["demo"])

            let container = ECS.ContainerDefinition(
                name: "app", image: "example/echo:0.9", memory: 256,
                portMappings: [.init(containerPort: 50051)], environment: [.init(name: "VERSION", value: "0.9")])
            let envoy = ECS.ContainerDefinition(name: "envoy", image: "envoy", memory: 128)
            let registered = try await ecs.registerTaskDefinition(
                .init(
                    family: "echo-server", containerDefinitions: [container, envoy], cpu: "256", memory: "512",
                    proxyConfiguration: .init(
                        containerName: "envoy", properties: [.init(name: "AppPorts", value: "50051")])))
            let taskDefinition = registered.taskDefinition.taskDefinitionArn
            #expect(registered.taskDefinition.revision == 1)
            let described = try await ecs.describeTaskDefinition(taskDefinition: "echo-server:1")
            #expect(described.taskDefinition.containerDefinitions?.first?.environment == container.environment)

            let network = ECS.NetworkConfiguration(
                awsvpcConfiguration: .init(subnets: ["subnet-1"], securityGroups: ["sg-1"]))
            let service = try await ecs.createService(
                .init(
                    cluster: "demo", serviceName: "echo-server", desiredCount: 0,
                    deploymentController: .init(type: "EXTERNAL")))
            #expect(service.service.deploymentController?.type == "EXTERNAL")
            let taskSet = try await ecs.createTaskSet(
                .init(
                    cluster: "demo", service: "echo-server", taskDefinition: taskDefinition, externalId: "v0.9",
                    networkConfiguration: network, scale: .init(value: 100)))
            let updated = try await ecs.updateTaskSet(
                cluster: "demo", service: "echo-server", taskSet: taskSet.taskSet.taskSetArn, scale: .init(value: 50))
            #expect(updated.taskSet.scale == ECS.Scale(value: 50))
            let sets = try await ecs.describeTaskSets(cluster: "demo", service: "echo-server")
            #expect(sets.taskSets.map(\.externalId) == ["v0.9"])
            _ = try await ecs.updateServicePrimaryTaskSet(
                cluster: "demo", service: "echo-server", primaryTaskSet: taskSet.taskSet.taskSetArn)
            _ = try await ecs.deleteTaskSet(
                cluster: "demo", service: "echo-server", taskSet: taskSet.taskSet.taskSetArn, force: true)

            let resized = try await ecs.updateService(.init(cluster: "demo", service: "echo-server", desiredCount: 2))
            #expect(resized.service.desiredCount == 2)
            try await ecs.tagResource(
                resourceArn: service.service.serviceArn, tags: [.init(key: "revision", value: "0.9")])
            #expect(try await ecs.describeServices(cluster: "demo", services: ["echo-server"]).services.count == 1)
            #expect(try await ecs.listServices(cluster: "demo") == [service.service.serviceArn])
            #expect(try await ecs.listTaskDefinitions(familyPrefix: "echo-server") == [taskDefinition])
            #expect(try await ecs.listTasks(.init(cluster: "demo")).taskArns.isEmpty)
            _ = try await ecs.deleteService(cluster: "demo", service: "echo-server", force: true)
            _ = try await ecs.deregisterTaskDefinition(taskDefinition: taskDefinition)
            _ = try await ecs.deleteCluster(cluster: "demo")

            let missing = await #expect(throws: AWSError.self) {
                _ = try await ecs.describeServices(cluster: "nowhere", services: ["x"])
            }
            #expect(missing?.isNotFound == true)
        }
    }
}
