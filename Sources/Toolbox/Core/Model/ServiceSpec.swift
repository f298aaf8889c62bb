
/// What the toolbox knows of a service it runs: nothing echo-specific lives in the platforms
/// or the rollout, only in `ServiceSpec.echoServer` and `.echoClient` (the default
/// `ServiceConfiguration`).
public struct ServiceSpec: Sendable, Codable, Equatable {
    public enum Kind: String, Sendable, Codable {
        /// A gRPC service behind the virtual router, checked with grpc.health.v1.
        case grpc
        /// An HTTP service behind the public load balancer, checked with a GET.
        case http
    }

    public var name: String
    public var kind: Kind
    public var executable: String
    /// The port each task listens on, on its own address (like a Fargate task's ENI).
    public var port: Int
    /// The gRPC service a route matches and the health check asks about (grpc only).
    public var grpcServiceName: String?
    /// The HTTP health path (http only).
    public var healthPath: String?
    /// The source file, relative to the project, that holds the version constant.
    public var versionFile: String?
    /// The name of the version constant in that file.
    public var versionConstant: String?
    /// The environment variable through which a task is told its revision's version.
    public var versionEnvironmentKey: String?
    /// The image repository under the project's registry namespace (ECR: `<project>/<repository>`);
    /// the executable's name when not given. Optional so that state recorded before it still reads.
    public var repository: String?
    /// How many tasks a revision runs; 1 when not given.
    public var taskCount: Int?
    /// How a caller is told to reach this service (routed services only).
    public var callerEnvironment: CallerEnvironment?
    /// A call a smoke test sends with the canary header, whose answer must name the staged
    /// revision's version: for the routed service a unary gRPC call (besides grpc.health.v1), for
    /// the front a GET that the front answers by calling the routed service.
    public var smokeCall: SmokeCall?
    /// How the service reports its calls by outcome, where a platform reads them from CloudWatch.
    public var metrics: MetricsReporting?

    /// grpc: a method whose request's first field is a string, and that string; http: a GET path.
    public struct SmokeCall: Sendable, Codable, Equatable {
        public var path: String
        public var text: String?

        public init(path: String, text: String? = nil) {
            self.path = path
            self.text = text
        }
    }

    /// How many tasks a revision runs.
    public var tasks: Int { taskCount ?? 1 }

    public init(
        name: String, kind: Kind, executable: String, port: Int, grpcServiceName: String? = nil,
        healthPath: String? = nil, versionFile: String? = nil, versionConstant: String? = nil,
        versionEnvironmentKey: String? = nil, repository: String? = nil, taskCount: Int? = nil,
        callerEnvironment: CallerEnvironment? = nil, smokeCall: SmokeCall? = nil, metrics: MetricsReporting? = nil
    ) {
        (self.name, self.kind, self.executable, self.port) = (name, kind, executable, port)
        (self.grpcServiceName, self.healthPath) = (grpcServiceName, healthPath)
        (self.versionFile, self.versionConstant, self.versionEnvironmentKey) = (versionFile, versionConstant, versionEnvironmentKey)
        (self.repository, self.taskCount, self.callerEnvironment) = (repository, taskCount, callerEnvironment)
        (self.smokeCall, self.metrics) = (smokeCall, metrics)
    }

    /// Where the service's image goes under a project's namespace.
    public var repositoryName: String { repository ?? executable }

    /// The services the toolbox knows by default, the original's echo pair.
    public static let echoPair = [echoServer, echoClient]

    /// The repository for an image named `imageName` (an echo pair image keeps the original's name).
    public static func repositoryName(forImage imageName: String) -> String {
        echoPair.first { $0.executable == imageName }?.repositoryName ?? imageName
    }

    /// The echo server of the original example: the service that gets new versions.
    public static let echoServer = ServiceSpec(
        name: "echo_server", kind: .grpc, executable: "echo-server", port: 50051,
        grpcServiceName: "proto.echo.EchoService", healthPath: nil,
        versionFile: "Sources/Echo/Version/EchoVersion.swift", versionConstant: "echoServerVersion",
        versionEnvironmentKey: "ECHO_VERSION", repository: "server",
        callerEnvironment: CallerEnvironment(
            addressKey: "ECHO_HOST", tlsServerNameKey: "ECHO_SERVER_NAME", tlsCAKey: "ECHO_SERVER_CA_PEM",
            canaryHeaderKey: "CANARY_HEADER"),
        smokeCall: SmokeCall(path: "/proto.echo.EchoService/Echo", text: "smoke"),
        metrics: .echo
    )

    /// The HTTP client of the original example: the public endpoint's backend.
    public static let echoClient = ServiceSpec(
        name: "echo_client", kind: .http, executable: "echo-client", port: 8080,
        grpcServiceName: nil, healthPath: "/ping",
        versionFile: "Sources/Echo/Client/EchoClientMain.swift", versionConstant: "version",
        versionEnvironmentKey: nil, repository: "client",
        smokeCall: SmokeCall(path: "/?name=smoke")
    )
}
