import Foundation
import Testing

@testable import ToolboxLocal

/// `make destroy-infra` stops every process the toolbox started whatever state.json says, and
/// `make build-infra` never deletes an admin socket that still answers. The project lives in a
/// folder whose name holds a space and a '#', which HAProxy's configuration must carry intact.
@Suite(.serialized) struct TearDownTests {
    /// Everything the project runs, from state.json and the process ledger.
    static func pids(of project: ToolboxProject) -> Set<Int32> {
        let ledger = ProcessLedger(directory: project.directory.appendingPathComponent(".toolbox/local/processes"))
        return Set(project.recordedPIDs()).union(ledger.all().values.map(\.pid))
    }

    static func stopAll(_ pids: Set<Int32>) {
        for pid in pids where ProcessLiveness.isAlive(pid) { kill(pid, SIGKILL) }
    }

    @Test("destroy-infra stops everything after state.json is truncated or deleted; build-infra keeps a live socket")
    func tearDownWorksWhateverTheStateSays() async throws {
        let project = try ToolboxProject(folderPrefix: "toolbox dir #")
        var started: Set<Int32> = []
        defer {
            Self.stopAll(started)
            project.cleanUp()
        }
        let local = project.directory.appendingPathComponent(".toolbox/local")
        let stateFile = local.appendingPathComponent("state.json")
        let socket = local.appendingPathComponent("haproxy.sock")

        let up = try await project.run("infra", ["up"])
        #expect(up.status == 0, "\(up.output)")
        started = Self.pids(of: project)
        // The router, two server tasks and one client task, each in the ledger too.
        #expect(started.count == 4 && started.allSatisfy(ProcessLiveness.isAlive))
        #expect(ProcessLedger(directory: local.appendingPathComponent("processes")).all().count == 4)
        // With '#' in the path unquoted, HAProxy silently dropped "mode 600 level admin".
        let attributes = try FileManager.default.attributesOfItem(atPath: socket.path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        #expect(try HAProxyRuntime(socketPath: socket.path).send(["show info"]).contains("Name: HAProxy"))

        let text = try Data(contentsOf: stateFile)
        try text.prefix(text.count / 2).write(to: stateFile)
        let down = try await project.run("infra", ["down"])
        #expect(down.status == 0, "\(down.output)")
        #expect(started.allSatisfy { !ProcessLiveness.isAlive($0) }, "still running: \(started.filter(ProcessLiveness.isAlive))")
        #expect(!FileManager.default.fileExists(atPath: local.path))

        let again = try await project.run("infra", ["up"])
        #expect(again.status == 0, "\(again.output)")
        started = Self.pids(of: project)
        #expect(started.count == 4)
        try FileManager.default.removeItem(at: stateFile)
        let refused = try await project.run("infra", ["up"])
        #expect(refused.status == 2, "\(refused.output)")
        #expect(refused.output.contains("still answers"), "\(refused.output)")
        #expect(try HAProxyRuntime(socketPath: socket.path).send(["show info"]).contains("Name: HAProxy"))
        let downAgain = try await project.run("infra", ["down"])
        #expect(downAgain.status == 0, "\(downAgain.output)")
        #expect(!downAgain.output.contains("Nothing to destroy"))
        #expect(started.allSatisfy { !ProcessLiveness.isAlive($0) }, "still running: \(started.filter(ProcessLiveness.isAlive))")
    }
}
