import Foundation
import Testing

@testable import ToolboxLocal

/// `make build-infra PLAN=1` and `make destroy-infra PLAN=1` on the local target: what would be
/// started, replaced or stopped, printed, with nothing started, stopped or written.
@Suite(.serialized) struct LocalPlanTests {
    @Test("PLAN=1 plans build-infra and destroy-infra locally and changes nothing")
    func plansChangeNothing() async throws {
        let project = try ToolboxProject()
        var started: Set<Int32> = []
        defer {
            TearDownTests.stopAll(started)
            project.cleanUp()
        }
        let state = project.directory.appendingPathComponent(".toolbox/local/state.json")

        let fresh = try await project.run("infra", ["up", "--dry-run"])
        #expect(fresh.status == 0, "\(fresh.output)")
        #expect(fresh.output.contains("start HAProxy"), "\(fresh.output)")
        #expect(fresh.output.contains("start 2 echo_server task(s)"), "\(fresh.output)")
        #expect(!FileManager.default.fileExists(atPath: state.path))
        #expect(TearDownTests.pids(of: project).isEmpty)

        let up = try await project.run("infra", ["up"])
        #expect(up.status == 0, "\(up.output)")
        started = TearDownTests.pids(of: project)
        let settled = try await project.run("infra", ["up"], ["PLAN": "1"])
        #expect(settled.output.contains("nothing to change"), "\(settled.output)")

        // A server task that died is planned as a replacement, and not replaced.
        let victim = try #require(project.recordedPIDs(of: ["server"], router: false).first)
        kill(victim, SIGKILL)
        try await Task.sleep(for: .milliseconds(200))
        let stateBefore = try Data(contentsOf: state)
        let replan = try await project.run("infra", ["up", "--dry-run"])
        #expect(replan.output.contains("replace echo_server task"), "\(replan.output)")
        #expect(try Data(contentsOf: state) == stateBefore)

        let down = try await project.run("infra", ["down", "--dry-run"])
        #expect(down.status == 0, "\(down.output)")
        let stops = down.output.split(separator: "\n").filter { $0.hasPrefix("stop ") }
        #expect(stops.count == 4 && stops.contains("stop router-haproxy"), "\(down.output)")
        #expect(started.subtracting([victim]).allSatisfy(ProcessLiveness.isAlive))
        #expect(try Data(contentsOf: state) == stateBefore)

        let destroyed = try await project.run("infra", ["down"])
        #expect(destroyed.status == 0, "\(destroyed.output)")
    }
}
