import Foundation
import Testing

@testable import ToolboxAWSPlatform
@testable import ToolboxCore

/// Task definitions are built from typed values (never echoed from a describe): the parts App
/// Mesh and Fargate need, and the memory moto's CreateTaskSet needs on every container.
@Suite("AWS platform: task definitions, names and plans")
struct AWSTaskDefinitionTests {
    let names = AWSNames(project: "demo", server: .echoServer, client: .echoClient)

    func definitions() throws -> TaskDefinitions {
        let settings = try AWSSettings(AWSTestSettings.values(endpoint: "http://127.0.0.1:9"))
        return TaskDefinitions(names: names, settings: settings, taskRoleArn: "arn:task", executionRoleArn: "arn:exec")
    }

    @Test func serverRevisionHasTheImageTheEnvoySidecarAndTheProxyConfiguration() throws {
        let input = try definitions().register(
            .echoServer,
            family: names.serverFamily,
            image: "registry/demo/server:1.0-abc",
            environment: ["ECHO_VERSION": "1.0", "PORT": "50051"],
            routing: RevisionRouting(meshVirtualNode: names.serverNode("1.0-abc")),
            tags: names.ecsTags
        )
        let app = try #require(input.containerDefinitions.first { $0.name == "echo_server" })
        let envoy = try #require(input.containerDefinitions.first { $0.name == "envoy" })
        #expect(app.image == "registry/demo/server:1.0-abc")
        #expect(app.environment?.contains(.init(name: "ECHO_VERSION", value: "1.0")) == true)
        #expect(app.dependsOn == [.init(containerName: "envoy", condition: "HEALTHY")])
        #expect(
            envoy.environment == [
                .init(name: "APPMESH_VIRTUAL_NODE_NAME", value: "mesh/demo-mesh/virtualNode/echo_server-1_0-abc")
            ]
        )
        #expect(envoy.user == "1337")
        #expect(input.containerDefinitions.allSatisfy { $0.memory != nil })
        #expect(input.proxyConfiguration?.type == "APPMESH")
        #expect(input.proxyConfiguration?.properties.contains(.init(name: "AppPorts", value: "50051")) == true)
        #expect(input.requiresCompatibilities == ["FARGATE"] && input.networkMode == "awsvpc")
        #expect(input.taskRoleArn == "arn:task" && input.executionRoleArn == "arn:exec")
    }

    @Test func withoutAMeshNodeThereIsNoSidecar() throws {
        let input = try definitions().register(
            .echoClient,
            family: names.clientFamily,
            image: "client:1",
            environment: [:],
            routing: RevisionRouting(),
            tags: []
        )
        #expect(input.containerDefinitions.map(\.name) == ["echo_client"])
        #expect(input.proxyConfiguration == nil)
    }

    @Test(arguments: [
        ("1.0-3f2a9c1", "echo_server-1_0-3f2a9c1"), ("2.0+rc1-abc-dirty", "echo_server-2_0_rc1-abc-dirty"),
    ])
    func revisionNamesAreSafeForAppMeshAndECS(tag: String, node: String) {
        #expect(names.serverNode(tag) == node)
        #expect(names.serverService(tag) == node)
    }

    /// ALB names: at most 32 letters, digits and hyphens, not ending in one, distinct per tag.
    @Test(arguments: [
        ("1.0-3f2a9c1", "demo-1-0-3f2a9c1"), ("2.0+rc1-abc-dirty", nil), ("1.0-3f2a9c1-a-very-long-suffix", nil),
    ])
    func targetGroupNamesFitALBRules(tag: String, expected: String?) {
        let name = names.serverTargetGroup(tag)
        if let expected { #expect(name == expected) }
        #expect(name.count <= 32 && !name.hasSuffix("-") && !name.contains("--"), "\(name)")
        #expect(name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }, "\(name)")
        #expect(names.serverTargetGroup(tag + "x") != name)
    }

    @Test func albDefinitionsHaveNoSidecarAndCarryTheRoutersEnvironment() throws {
        var routing = RevisionRouting()
        routing.environment = ["ECHO_SERVER_CA_PEM": "-----BEGIN CERTIFICATE-----\n...", "ECHO_HOST": "echo_server.demo.local:443"]
        let input = try definitions().register(
            .echoClient,
            family: names.clientFamily,
            image: "client:1",
            environment: routing.environment,
            routing: routing,
            tags: []
        )
        #expect(input.containerDefinitions.map(\.name) == ["echo_client"] && input.proxyConfiguration == nil)
        #expect(input.containerDefinitions[0].environment?.contains { $0.name == "ECHO_SERVER_CA_PEM" } == true)
    }

    @Test func routeFollowsTheDeploymentOrderAndIsValidated() throws {
        let route = try AWSPlatform.route(["b": 50, "a": 50], order: ["a", "b"])
        #expect(route.targets.map(\.revision) == ["a", "b"])
        #expect(throws: ToolboxError.self) { try AWSPlatform.route(["a": 101, "b": -1], order: ["a", "b"]) }
    }

    @Test func planCountsWhatItWouldDoAndDoesNothing() async throws {
        let plan = InfraChanges(dryRun: true)
        var created = false
        let vpc = try await plan.ensure(
            "VPC demo-vpc",
            find: { nil },
            create: {
                created = true; return "vpc-1"
            }
        )
        try await plan.converge("route in demo-public", after: [vpc], isDone: { true }, apply: { created = true })
        try await plan.converge("desired count of echo_client to 2", isDone: { false }, apply: { created = true })
        try await plan.remove("log group /ecs/demo", exists: true, delete: { created = true })
        #expect(!created)
        #expect(InfraChanges.isPlaceholder(vpc))
        #expect(
            plan.planLines() == [
                "Plan: 2 to create, 1 to change, 1 to delete (dry run: nothing was changed)",
                "  + create VPC demo-vpc", "  + create route in demo-public",
                "  ~ change desired count of echo_client to 2",
                "  - delete log group /ecs/demo",
            ]
        )
    }
}
