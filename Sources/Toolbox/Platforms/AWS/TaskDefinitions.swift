import ToolboxAWS
import ToolboxCore

/// Task definitions built from the toolbox's own typed values, never by echoing a describe
/// (AWS rejects describe-only fields such as registeredAt; the original tripped on that).
struct TaskDefinitions: Sendable {
    let names: AWSNames
    let settings: AWSSettings
    let taskRoleArn: String
    let executionRoleArn: String

    static let envoyUser = "1337"
    static let envoyContainer = "envoy"

    /// A revision of `spec`: the app container with `image` and `environment`, plus the Envoy
    /// sidecar and APPMESH proxy configuration when the router names a virtual node.
    func register(
        _ spec: ServiceSpec,
        family: String,
        image: String,
        environment: [String: String],
        routing: RevisionRouting,
        tags: [ECS.Tag]
    ) -> ECS.RegisterTaskDefinitionInput {
        var app = ECS.ContainerDefinition(
            name: spec.name,
            image: image,
            memory: 256,
            essential: true,
            portMappings: [.init(containerPort: spec.port)],
            environment: environment.sorted { $0.key < $1.key }.map { ECS.KeyValuePair(name: $0.key, value: $0.value) },
            logConfiguration: logs(prefix: spec.name)
        )
        var containers = [app]
        var proxy: ECS.ProxyConfiguration?
        if let node = routing.meshVirtualNode {
            app.dependsOn = [.init(containerName: Self.envoyContainer, condition: "HEALTHY")]
            containers = [app, envoy(node: node)]
            proxy = ECS.ProxyConfiguration(
                containerName: Self.envoyContainer,
                properties: [
                    .init(name: "IgnoredUID", value: Self.envoyUser), .init(name: "ProxyIngressPort", value: "15000"),
                    .init(name: "ProxyEgressPort", value: "15001"), .init(name: "AppPorts", value: String(spec.port)),
                    .init(name: "EgressIgnoredIPs", value: "169.254.170.2,169.254.169.254"),
                ]
            )
        }
        return ECS.RegisterTaskDefinitionInput(
            family: family,
            containerDefinitions: containers,
            taskRoleArn: taskRoleArn,
            executionRoleArn: executionRoleArn,
            cpu: "256",
            memory: "512",
            proxyConfiguration: proxy,
            tags: tags
        )
    }

    /// Envoy as App Mesh wants it: the node's ARN-like name, its own user, an admin health check.
    private func envoy(node: String) -> ECS.ContainerDefinition {
        ECS.ContainerDefinition(
            name: Self.envoyContainer,
            image: settings.envoyImage,
            memory: 256,
            essential: true,
            environment: [.init(name: "APPMESH_VIRTUAL_NODE_NAME", value: "mesh/\(names.mesh)/virtualNode/\(node)")],
            user: Self.envoyUser,
            logConfiguration: logs(prefix: "envoy"),
            healthCheck: .init(
                command: ["CMD-SHELL", "curl -s http://localhost:9901/server_info | grep state | grep -q LIVE"],
                interval: 5,
                timeout: 2,
                retries: 3,
                startPeriod: 10
            )
        )
    }

    private func logs(prefix: String) -> ECS.LogConfiguration {
        ECS.LogConfiguration(options: [
            "awslogs-group": names.logGroup, "awslogs-region": settings.region, "awslogs-stream-prefix": prefix,
        ])
    }
}
