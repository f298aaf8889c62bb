/// What the toolbox knows of a service it runs: nothing echo-specific lives in the platforms
/// or the rollout, only in `ServiceSpec.echoServer` and `.echoClient` (the default project).
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

    /// The echo server of the original example: the service that gets new versions.
    public static let echoServer = ServiceSpec(
        name: "echo_server", kind: .grpc, executable: "echo-server", port: 50051,
        grpcServiceName: "proto.echo.EchoService", healthPath: nil,
        versionFile: "Sources/Echo/Service/EchoVersion.swift", versionConstant: "echoServerVersion",
        versionEnvironmentKey: "ECHO_VERSION"
    )

    /// The HTTP client of the original example: the public endpoint's backend.
    public static let echoClient = ServiceSpec(
        name: "echo_client", kind: .http, executable: "echo-client", port: 8080,
        grpcServiceName: nil, healthPath: "/ping",
        versionFile: "Sources/Echo/Client/EchoClientMain.swift", versionConstant: "version",
        versionEnvironmentKey: nil
    )
}
