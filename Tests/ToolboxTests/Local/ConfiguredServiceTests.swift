import Foundation
import Testing

@testable import ToolboxLocal

/// The platforms know services only by configuration: a project whose SERVICES_FILE names
/// another routed service (the echo-server executable as "greeter" on another port) and another
/// front is stood up, updated and shifted like the echo pair, with no echo name in sight.
@Suite(.serialized) struct ConfiguredServiceTests {
    static let services = """
        {
          "server": {
            "name": "greeter", "kind": "grpc", "executable": "echo-server", "port": 50071,
            "grpcServiceName": "proto.echo.EchoService",
            "versionFile": "Sources/Echo/Version/EchoVersion.swift", "versionConstant": "echoServerVersion",
            "versionEnvironmentKey": "ECHO_VERSION", "taskCount": 1,
            "callerEnvironment": { "addressKey": "ECHO_HOST" }
          },
          "client": {
            "name": "front", "kind": "http", "executable": "echo-client", "port": 8091, "healthPath": "/ping",
            "versionFile": "Sources/Echo/Client/EchoClientMain.swift", "versionConstant": "version", "taskCount": 2
          }
        }
        """

    @Test("a service pair defined only by SERVICES_FILE is deployed, updated and shifted locally")
    func configuredServicesDeployAndShift() async throws {
        let project = try ToolboxProject(version: "0.9", settings: ["SERVICES_FILE": "services.json"])
        defer { project.cleanUp() }
        try Self.services.write(to: project.directory.appendingPathComponent("services.json"), atomically: true, encoding: .utf8)

        let up = try await project.run("infra", ["up"])
        #expect(up.status == 0, "\(up.output)")
        let socket = project.directory.appendingPathComponent(".toolbox/local/haproxy.sock").path
        let rows = try HAProxyRuntime(socketPath: socket).stats()
        let servers = rows.filter { $0.server != "BACKEND" && $0.server != "FRONTEND" }
        #expect(Set(servers.map(\.proxy)) == ["greeter", "front"], "\(servers.map(\.proxy))")
        #expect(servers.filter { $0.proxy == "greeter" }.count == 1 && servers.filter { $0.proxy == "front" }.count == 2)
        let deployment = project.state()?["deployment"] as? [String: Any] ?? [:]
        let revisions = (deployment["server"] as? [String: Any])?["revisions"] as? [[String: Any]] ?? []
        let ports = revisions.flatMap { $0["tasks"] as? [[String: Any]] ?? [] }.compactMap { $0["port"] as? Int }
        #expect(ports == [50071], "\(ports)")

        let load = HTTPLoad(port: project.publicPort, workers: 8)
        try await load.waitForMore(50)
        try project.setVersion("1.0")
        let staged = try await project.run("deploy", ["update"], ["STEPS": "0"])
        #expect(staged.status == 0, "\(staged.output)")
        let shift = try await project.run("traffic", ["shift", "50"])
        #expect(shift.status == 0, "\(shift.output)")
        let shifted = Date()
        try await load.waitForMore(400)
        let split = load.recorded.filter { $0.time > shifted.addingTimeInterval(0.2) }
        #expect(abs(split.share(of: "1.0") - 50) <= 12, "1.0 answered \(split.share(of: "1.0"))% after shift 50")
        let status = try await project.run("traffic", ["status"])
        #expect(status.output.contains("greeter") && !status.output.contains("echo_server"), "\(status.output)")

        let samples = await load.stop()
        #expect(samples.failures.count == 0, "\(samples.failures.count) failed: \(samples.failures.prefix(3))")
        let pids = project.recordedPIDs()
        let down = try await project.run("infra", ["down"])
        #expect(down.status == 0, "\(down.output)")
        #expect(pids.count == 5 && pids.allSatisfy { !ProcessLiveness.isAlive($0) })
    }

    @Test("a SERVICES_FILE that breaks the platforms' rules is refused in one line, creating nothing")
    func badConfigurationIsRefused() async throws {
        let project = try ToolboxProject(settings: ["SERVICES_FILE": "services.json"])
        defer { project.cleanUp() }
        let wrongKind = Self.services.replacingOccurrences(of: "\"kind\": \"grpc\"", with: "\"kind\": \"http\"")
        try wrongKind.write(to: project.directory.appendingPathComponent("services.json"), atomically: true, encoding: .utf8)
        let up = try await project.run("infra", ["up"])
        #expect(up.status == 2, "\(up.output)")
        #expect(up.lines == ["error: the server service greeter must be kind grpc with a grpcServiceName"], "\(up.output)")
        #expect(project.state() == nil)
    }
}
