import Foundation

/// Shapes of the Amazon ECS API (names as in the API reference), used by `ECS`.
extension ECS {
    public struct Tag: Codable, Sendable, Equatable {
        public var key: String
        public var value: String
        public init(key: String, value: String) { (self.key, self.value) = (key, value) }
    }

    public struct KeyValuePair: Codable, Sendable, Equatable {
        public var name: String
        public var value: String
        public init(name: String, value: String) { (self.name, self.value) = (name, value) }
    }

    public struct PortMapping: Codable, Sendable, Equatable {
        public var containerPort: Int
        public var hostPort: Int?
        public var `protocol`: String?
        public var name: String?
        public var appProtocol: String?
        public init(
            containerPort: Int, hostPort: Int? = nil, protocol: String? = "tcp", name: String? = nil,
            appProtocol: String? = nil
        ) {
            (self.containerPort, self.hostPort, self.protocol, self.name, self.appProtocol) =
                (containerPort, hostPort, `protocol`, name, appProtocol)
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
        public var cpu: Int?
        /// Hard limit in MiB. Set it on every container: moto's CreateTaskSet fails without it.
        public var memory: Int?
        public var memoryReservation: Int?
        public var essential: Bool?
        public var portMappings: [PortMapping]?
        public var environment: [KeyValuePair]?
        public var command: [String]?
        public var user: String?
        public var logConfiguration: LogConfiguration?
        public var healthCheck: HealthCheck?
        public var dependsOn: [ContainerDependency]?

        public init(
            name: String, image: String, cpu: Int? = nil, memory: Int? = nil, memoryReservation: Int? = nil,
            essential: Bool? = true, portMappings: [PortMapping]? = nil, environment: [KeyValuePair]? = nil,
            command: [String]? = nil, user: String? = nil, logConfiguration: LogConfiguration? = nil,
            healthCheck: HealthCheck? = nil, dependsOn: [ContainerDependency]? = nil
        ) {
            self.name = name
            self.image = image
            self.cpu = cpu
            self.memory = memory
            self.memoryReservation = memoryReservation
            self.essential = essential
            self.portMappings = portMappings
            self.environment = environment
            self.command = command
            self.user = user
            self.logConfiguration = logConfiguration
            self.healthCheck = healthCheck
            self.dependsOn = dependsOn
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
        public var port: Int?
        public var containerName: String?
        public var containerPort: Int?
        public init(registryArn: String, port: Int? = nil, containerName: String? = nil, containerPort: Int? = nil) {
            (self.registryArn, self.port, self.containerName, self.containerPort) = (
                registryArn, port, containerName, containerPort
            )
        }
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
        public var detail: String?
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
        public var status: String?
        public var containerDefinitions: [ContainerDefinition]?
        public var taskRoleArn: String?
        public var executionRoleArn: String?
        public var networkMode: String?
        public var cpu: String?
        public var memory: String?
        public var proxyConfiguration: ProxyConfiguration?
    }

    public struct TaskSet: Codable, Sendable, Equatable {
        public var id: String?
        public var taskSetArn: String
        public var status: String?
        public var taskDefinition: String?
        public var externalId: String?
        /// moto answers null for the counts.
        public var computedDesiredCount: Int?
        public var pendingCount: Int?
        public var runningCount: Int?
        public var scale: Scale?
        public var stabilityStatus: String?
        public var networkConfiguration: NetworkConfiguration?
        public var serviceRegistries: [ServiceRegistry]?
        public var loadBalancers: [LoadBalancer]?
    }

    public struct Service: Codable, Sendable, Equatable {
        public var serviceArn: String
        public var serviceName: String
        public var clusterArn: String?
        public var status: String?
        public var desiredCount: Int?
        public var runningCount: Int?
        public var pendingCount: Int?
        public var taskDefinition: String?
        public var launchType: String?
        public var deploymentController: DeploymentController?
        public var networkConfiguration: NetworkConfiguration?
        public var serviceRegistries: [ServiceRegistry]?
        public var loadBalancers: [LoadBalancer]?
        public var taskSets: [TaskSet]?
        /// Present when DescribeServices was asked to include TAGS.
        public var tags: [Tag]?
    }

    public struct NetworkInterface: Codable, Sendable, Equatable {
        public var privateIpv4Address: String?
    }

    /// A task's elastic network interface (awsvpc): its details carry the private address.
    public struct Attachment: Codable, Sendable, Equatable {
        public var type: String?
        public var details: [KeyValuePair]?
    }

    public struct Container: Codable, Sendable, Equatable {
        public var name: String?
        public var lastStatus: String?
        public var healthStatus: String?
        public var networkInterfaces: [NetworkInterface]?
    }

    public struct Task: Codable, Sendable, Equatable {
        public var taskArn: String
        public var lastStatus: String?
        public var desiredStatus: String?
        public var healthStatus: String?
        public var taskDefinitionArn: String?
        public var startedBy: String?
        public var group: String?
        public var containers: [Container]?
        public var attachments: [Attachment]?
    }
}
