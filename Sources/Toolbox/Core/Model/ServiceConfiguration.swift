import Foundation

/// The services a project runs, by role: the routed gRPC service that gets new revisions behind
/// the virtual router, and the HTTP front behind the public load balancer that calls it. The
/// platforms and the rollout know services only through this; the echo pair is the default, and
/// SERVICES_FILE names a JSON file with another pair.
public struct ServiceConfiguration: Sendable, Codable, Equatable {
    /// The routed gRPC service (the original's echo server).
    public var server: ServiceSpec
    /// The public HTTP service that calls `server` (the original's echo client).
    public var client: ServiceSpec

    public init(server: ServiceSpec, client: ServiceSpec) {
        self.server = server
        self.client = client
    }

    /// Both services, routed one first (the order they come up in).
    public var all: [ServiceSpec] { [server, client] }

    public func spec(named name: String) -> ServiceSpec? { all.first { $0.name == name } }

    /// The original's pair, with the task counts the settings give.
    public static func echo(serverTasks: Int, clientTasks: Int) -> ServiceConfiguration {
        var server = ServiceSpec.echoServer
        var client = ServiceSpec.echoClient
        server.taskCount = serverTasks
        client.taskCount = clientTasks
        return ServiceConfiguration(server: server, client: client)
    }

    /// Reads a configuration file and checks what the platforms rely on.
    public static func load(from file: URL) throws(ToolboxError) -> ServiceConfiguration {
        let configuration: ServiceConfiguration
        do {
            configuration = try JSONDecoder().decode(ServiceConfiguration.self, from: Data(contentsOf: file))
        } catch {
            throw .refused("SERVICES_FILE \(file.path) is not a service configuration: \(error)")
        }
        try configuration.validate()
        return configuration
    }

    func validate() throws(ToolboxError) {
        guard server.kind == .grpc, server.grpcServiceName != nil else {
            throw .refused("the server service \(server.name) must be kind grpc with a grpcServiceName")
        }
        guard client.kind == .http, client.healthPath != nil else {
            throw .refused("the client service \(client.name) must be kind http with a healthPath")
        }
        guard server.name != client.name else { throw .refused("the two services need different names, both are \(server.name)") }
        for spec in all {
            try NameRules.haproxyServerName(spec.name)
            guard (1...65535).contains(spec.port) else { throw .refused("service \(spec.name): port \(spec.port) is not 1-65535") }
            guard (1...20).contains(spec.tasks) else { throw .refused("service \(spec.name): taskCount must be 1-20, got \(spec.tasks)") }
        }
    }
}
