import Foundation
import Testing
import Toolbox

/// `make emulator` and `make emulator-stop` as a user runs them: the lines to paste, an emulator
/// answering there (App Mesh virtual services included), its PID recorded, and stopped by it.
@Suite("AWS emulator script")
struct AWSEmulatorScriptTests {
    @Test func startPrintsTheLinesToPasteAndStopEndsItByPID() async throws {
        let state = FileManager.default.temporaryDirectory.appendingPathComponent(
            "emulator-\(UUID().uuidString.prefix(8))"
        )
        defer { try? FileManager.default.removeItem(at: state) }
        let started = try script("start", state: state)
        defer { _ = try? script("stop", state: state) }
        #expect(started.status == 0, "\(started.output)")
        let export = try #require(
            started.output.split(separator: "\n").first { $0.hasPrefix("export AWS_ENDPOINT_URL=http://127.0.0.1:") }
        )
        let endpoint = String(export.dropFirst("export AWS_ENDPOINT_URL=".count))
        #expect(
            started.output.contains(
                "export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_DEFAULT_REGION=us-east-1"
            )
        )
        let pid = try #require(
            Int32(
                try String(contentsOf: state.appendingPathComponent("emulator/pid"), encoding: .utf8)
                    .trimmingCharacters(in: .whitespacesAndNewlines)
            )
        )
        #expect(ProcessLiveness.isAlive(pid))
        // The ECR stand-in: ECR's login names it, it asks for that login, and it is stopped by PID too.
        let registryPID = try #require(
            Int32(
                try String(contentsOf: state.appendingPathComponent("emulator/registry.pid"), encoding: .utf8)
                    .trimmingCharacters(in: .whitespacesAndNewlines)
            )
        )
        let login = try await ECRRegistryLogin.fetch(from: ECR(client: AWSTestSettings.client(endpoint)))
        #expect(started.output.contains("ECR registry stand-in at \(login.endpoint.baseURL) (PID \(registryPID))"), "\(started.output)")
        let anonymous = try await CurlTransport().send(HTTPRequest(method: "GET", url: login.endpoint.baseURL + "/v2/"))
        #expect(anonymous.status == 401, "the stand-in asks for ECR's login as ECR does")

        let appMesh = AppMesh(client: AWSTestSettings.client(endpoint))
        _ = try await appMesh.createMesh(meshName: "m")
        _ = try await appMesh.createVirtualRouter(
            meshName: "m",
            virtualRouterName: "r",
            spec: .init(listeners: [.init(portMapping: .init(port: 50051, protocol: "grpc"))])
        )
        let service = try await appMesh.createVirtualService(
            meshName: "m",
            virtualServiceName: "echo_server.m.local",
            spec: .init(provider: .init(virtualRouter: .init(virtualRouterName: "r")))
        )
        #expect(service.spec?.provider?.virtualRouter?.virtualRouterName == "r")
        #expect(try await appMesh.listVirtualServices(meshName: "m") == ["echo_server.m.local"])
        _ = try await appMesh.deleteVirtualService(meshName: "m", virtualServiceName: "echo_server.m.local")
        let gone = await #expect(throws: AWSError.self) {
            _ = try await appMesh.describeVirtualService(meshName: "m", virtualServiceName: "echo_server.m.local")
        }
        #expect(gone?.isNotFound == true)

        let stopped = try script("stop", state: state)
        #expect(stopped.output.contains("Emulator stopped (PID \(pid))."), "\(stopped.output)")
        for _ in 0..<50 where ProcessLiveness.isAlive(pid) { try await Task.sleep(for: .milliseconds(100)) }
        #expect(!ProcessLiveness.isAlive(pid))
        for _ in 0..<50 where ProcessLiveness.isAlive(registryPID) { try await Task.sleep(for: .milliseconds(100)) }
        #expect(!ProcessLiveness.isAlive(registryPID))
        #expect(try script("stop", state: state).output.contains("No emulator is running."))
    }

    /// Output goes to a file, not a pipe: the emulator the script leaves running inherits the
    /// script's descriptors, so a pipe would never reach its end.
    private func script(_ verb: String, state: URL) throws -> CommandResult {
        try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
        let log = state.appendingPathComponent("script-\(verb)-\(UUID().uuidString.prefix(4)).out")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let output = try FileHandle(forWritingTo: log)
        defer { try? output.close() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: TestPaths.script("emulator/emulator.sh"))
        process.arguments = [verb]
        process.environment = ProcessInfo.processInfo.environment.merging(["TOOLBOX_DIR": state.path]) { $1 }
        process.standardOutput = output
        process.standardError = output
        try process.run()
        // Read with waitpid, as RunningCommand does: Foundation's own child monitoring proved unreliable here.
        var status: Int32 = 0
        let deadline = Date().addingTimeInterval(30)
        while waitpid(process.processIdentifier, &status, WNOHANG) == 0 {
            guard Date() < deadline else { throw ProjectFailure("emulator.sh \(verb) did not finish within 30s") }
            usleep(20_000)
        }
        return CommandResult(status: (status >> 8) & 0xFF, output: try String(contentsOf: log, encoding: .utf8))
    }
}
