import Foundation

/// Shapes of the Amazon ECS API (names as in the API reference), used by `ECS`.
extension ECS {
    public typealias Tag = AWSLowercaseTag

    public struct KeyValuePair: Codable, Sendable, Equatable {
        public var name: String
        public var value: String
        public init(name: String, value: String) { (self.name, self.value) = (name, value) }
    }

    public struct PortMapping: Codable, Sendable, Equatable {
        public var containerPort: Int
        public var `protocol`: String?
        public init(containerPort: Int, protocol: String? = "tcp") {
            (self.containerPort, self.protocol) = (containerPort, `protocol`)
        }
    }

    public struct LogConfiguration: Codable, Sendable, Equatable {
        public var logDriver: String
        public var options: [String: String]?
        public init(logDriver: String = "awslogs", options: [String: String]? = nil) {
            (self.logDriver, self.options) = (logDriver, options)
        }
    }

    public struct HealthCheck: Codable, Sendable, Equatable {
        public var command: [String]
        public var interval: Int?
        public var timeout: Int?
        public var retries: Int?
        public var startPeriod: Int?
        public init(
            command: [String], interval: Int? = nil, timeout: Int? = nil, retries: Int? = nil, startPeriod: Int? = nil
        ) {
            (self.command, self.interval, self.timeout, self.retries, self.startPeriod) =
                (command, interval, timeout, retries, startPeriod)
        }
    }

    public struct ContainerDependency: Codable, Sendable, Equatable {
        public var containerName: String
        /// START, COMPLETE, SUCCESS or HEALTHY.
        public var condition: String
        public init(containerName: String, condition: String) {
            (self.containerName, self.condition) = (containerName, condition)
        }
    }

    public struct ContainerDefinition: Codable, Sendable, Equatable {
        public var name: String
        public var image: String
        /// Hard limit in MiB. Set it on every container: moto's CreateTaskSet fails without it.
        public var memory: Int?
        public var essential: Bool?
        public var portMappings: [PortMapping]?
        public var environment: [KeyValuePair]?
        public var user: String?
        public var logConfiguration: LogConfiguration?
        public var healthCheck: HealthCheck?
        public var dependsOn: [ContainerDependency]?

        public init(
            name: String, image: String, memory: Int? = nil, essential: Bool? = true,
            portMappings: [PortMapping]? = nil, environment: [KeyValuePair]? = nil, user: String? = nil,
            logConfiguration: LogConfiguration? = nil, healthCheck: HealthCheck? = nil,
            dependsOn: [ContainerDependency]? = nil
        ) {
            (self.name, self.image, self.memory, self.essential) = (name, image, memory, essential)
            (self.portMappings, self.environment, self.user) = (portMappings, environment, user)
            (self.logConfiguration, self.healthCheck, self.dependsOn) = (logConfiguration, healthCheck, dependsOn)
        }
    }

    /// The App Mesh Envoy proxy settings of a task definition (`type` APPMESH).
    public struct ProxyConfiguration: Codable, Sendable, Equatable {
        public var type: String
        public var containerName: String
        public var properties: [KeyValuePair]
        public init(type: String = "APPMESH", containerName: String, properties: [KeyValuePair]) {
            (self.type, self.containerName, self.properties) = (type, containerName, properties)
        }
    }

    public struct AwsVpcConfiguration: Codable, Sendable, Equatable {
        public var subnets: [String]
        public var securityGroups: [String]?
        /// ENABLED or DISABLED.
        public var assignPublicIp: String?
        public init(subnets: [String], securityGroups: [String]? = nil, assignPublicIp: String? = "DISABLED") {
            (self.subnets, self.securityGroups, self.assignPublicIp) = (subnets, securityGroups, assignPublicIp)
        }
    }

    public struct NetworkConfiguration: Codable, Sendable, Equatable {
        /// Optional only because moto answers `{}` for services created without one.
        public var awsvpcConfiguration: AwsVpcConfiguration?
        public init(awsvpcConfiguration: AwsVpcConfiguration) { self.awsvpcConfiguration = awsvpcConfiguration }
    }

    public struct ServiceRegistry: Codable, Sendable, Equatable {
        public var registryArn: String
        public init(registryArn: String) { self.registryArn = registryArn }
    }

    public struct LoadBalancer: Codable, Sendable, Equatable {
        public var targetGroupArn: String
        public var containerName: String
        public var containerPort: Int
        public init(targetGroupArn: String, containerName: String, containerPort: Int) {
            (self.targetGroupArn, self.containerName, self.containerPort) = (
                targetGroupArn, containerName, containerPort
            )
        }
    }

    public struct DeploymentController: Codable, Sendable, Equatable {
        /// ECS, CODE_DEPLOY or EXTERNAL (task sets driven by the toolbox).
        public var type: String
        public init(type: String) { self.type = type }
    }

    public struct Scale: Codable, Sendable, Equatable {
        public var value: Double
        /// PERCENT.
        public var unit: String
        public init(value: Double, unit: String = "PERCENT") { (self.value, self.unit) = (value, unit) }
    }

    public struct Failure: Codable, Sendable, Equatable {
        public var arn: String?
        public var reason: String?
    }

    public struct Cluster: Codable, Sendable, Equatable {
        public var clusterArn: String
        public var clusterName: String?
        public var status: String?
        public var tags: [Tag]?
    }

    public struct TaskDefinition: Codable, Sendable, Equatable {
        public var taskDefinitionArn: String
        public var family: String?
        public var revision: Int?
        public var containerDefinitions: [ContainerDefinition]?
    }

    public struct TaskSet: Codable, Sendable, Equatable {
        public var id: String?
        public var taskSetArn: String
        public var taskDefinition: String?
        public var externalId: String?
        public var scale: Scale?
        /// What a new revision's task set copies: the subnets and security groups, the Cloud Map registry.
        public var networkConfiguration: NetworkConfiguration?
        public var serviceRegistries: [ServiceRegistry]?
    }

    public struct Service: Codable, Sendable, Equatable {
        public var serviceArn: String
        public var serviceName: String
        public var status: String?
        public var desiredCount: Int?
        public var deploymentController: DeploymentController?
        public var taskSets: [TaskSet]?
        /// Present when DescribeServices was asked to include TAGS.
        public var tags: [Tag]?
    }

    public struct NetworkInterface: Codable, Sendable, Equatable {
        public var privateIpv4Address: String?
    }

    /// A task's elastic network interface (awsvpc): its details carry the private address.
    public struct Attachment: Codable, Sendable, Equatable {
        public var details: [KeyValuePair]?
    }

    public struct Container: Codable, Sendable, Equatable {
        public var networkInterfaces: [NetworkInterface]?
    }

    public struct Task: Codable, Sendable, Equatable {
        public var taskArn: String
        public var lastStatus: String?
        public var taskDefinitionArn: String?
        public var startedBy: String?
        public var containers: [Container]?
        public var attachments: [Attachment]?
    }
}
