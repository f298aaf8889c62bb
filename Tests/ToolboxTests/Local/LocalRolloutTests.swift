import Foundation
import Testing

/// The README's walkthrough on the local target, for real: HAProxy, echo tasks, a concurrent
/// HTTP load on the public endpoint for the whole scenario, and not one failed request.
@Suite(.serialized) struct LocalRolloutTests {
    @Test func rolloutsUnderLoadLoseNoRequest() async throws {
        let project = try ToolboxProject(version: "0.9")
        defer { project.cleanUp() }
        let up = try await project.run("infra", ["up"])
        #expect(up.status == 0, "\(up.output)")
        #expect(up.lines.contains("http://127.0.0.1:\(project.publicPort)"))
        let again = try await project.run("infra", ["up"])
        #expect(again.lines.contains("Everything is already up; nothing changed."))

        let load = HTTPLoad(port: project.publicPort)
        try await load.waitForMore(100)

        // make update, 0.9 to 1.0, in the default steps.
        try project.setVersion("1.0")
        let oldPIDs = project.recordedPIDs()
        let update = try project.start("deploy", ["update"], ["STEPS": "50,100", "BAKE": "4"])
        let updated = try await update.finish(timeout: .seconds(90))
        #expect(updated.status == 0, "\(updated.output)")
        #expect(updated.output.contains("Routing 50%") && updated.output.contains("Routing 100%"))
        // The 50% step lasts from the first answer of 1.0 to the last answer of 0.9 (4 s of BAKE);
        // the clients' own answers time it, whatever the machine's load did to the command's output.
        let answers = load.recorded
        let first = try #require(answers.first { $0.version == "1.0" }).time
        let last = try #require(answers.last { $0.version == "0.9" }).time
        let during = answers.between(first.addingTimeInterval(0.3), last.addingTimeInterval(-0.3))
        #expect(during.count > 20, "only \(during.count) answers during the 50% step")
        #expect(abs(during.share(of: "1.0") - 50) <= 10, "1.0 answered \(during.share(of: "1.0"))% at the 50% step")
        try await load.waitForMore(200)
        #expect(load.recorded.suffix(100).versions == ["1.0"])
        let retired = oldPIDs.filter { !project.recordedPIDs().contains($0) }
        #expect(!retired.isEmpty && retired.allSatisfy { !ProcessLiveness.isAlive($0) })

        // Stage 1.1 at 0%, shift to 50, promote.
        try project.setVersion("1.1")
        let staged = try await project.run("deploy", ["update"], ["STEPS": "0"])
        #expect(staged.status == 0, "\(staged.output)")
        try await load.waitForMore(200)
        #expect(load.recorded.suffix(100).versions == ["1.0"])
        let shift = try await project.run("traffic", ["shift", "50"])
        #expect(shift.status == 0, "\(shift.output)")
        let shifted = Date()
        try await load.waitForMore(600)
        let split = load.recorded.filter { $0.time > shifted.addingTimeInterval(0.2) }
        #expect(abs(split.share(of: "1.1") - 50) <= 10, "1.1 answered \(split.share(of: "1.1"))% after shift 50")
        let promote = try await project.run("deploy", ["promote"])
        #expect(promote.status == 0, "\(promote.output)")
        try await load.waitForMore(200)
        #expect(load.recorded.suffix(100).versions == ["1.1"])

        let samples = await load.stop()
        #expect(samples.count > 1000)
        #expect(samples.failures.isEmpty, "\(samples.failures.count) failed: \(samples.failures.prefix(3))")

        let pids = project.recordedPIDs()
        let down = try await project.run("infra", ["down"])
        #expect(down.status == 0, "\(down.output)")
        #expect(pids.count == 4 && pids.allSatisfy { !ProcessLiveness.isAlive($0) })
        #expect(project.state() == nil)
    }

    @Test func aVersionThatNeverBecomesHealthyGetsNoTraffic() async throws {
        let project = try ToolboxProject(version: "0.9", settings: ["HEALTH_TIMEOUT": "3"])
        defer { project.cleanUp() }
        #expect(try await project.run("infra", ["up"]).status == 0)
        let load = HTTPLoad(port: project.publicPort, workers: 10)
        try await load.waitForMore(50)
        try project.setVersion("1.0")
        let update = try await project.run("deploy", ["update", "--task-env", "ECHO_FAULT_UNHEALTHY=1"])
        #expect(update.status == 1)
        #expect(update.lines.last?.hasPrefix("error: rolled back to 0.9-") == true, "\(update.output)")
        #expect(update.output.contains("did not become healthy within 3s"))
        try await load.waitForMore(100)
        let samples = await load.stop()
        #expect(samples.failures.isEmpty, "\(samples.failures.count) failed: \(samples.failures.prefix(3))")
        #expect(samples.versions == ["0.9"])
        let status = try await project.run("traffic", ["status", "--json"])
        #expect(!status.output.contains("\"1.0\""))
        #expect(project.recordedPIDs().count == 4)
        #expect(try await project.run("infra", ["down"]).status == 0)
    }

    @Test func badRequestsAreRefusedAndChangeNothing() async throws {
        let project = try ToolboxProject()
        defer { project.cleanUp() }
        let early = try await project.run("traffic", ["shift", "50"])
        #expect(early.status == 2)
        #expect(early.lines == ["error: nothing is deployed yet; run make build-infra first"])
        #expect(try await project.run("infra", ["up"]).status == 0)
        let before = try Data(contentsOf: project.directory.appendingPathComponent(".toolbox/local/state.json"))

        for bad in ["101", "-1", "abc", "50.5", ""] {
            let shift = try await project.run("traffic", ["shift", "--", bad])
            #expect(shift.status == 2)
            #expect(shift.lines == ["error: PERCENT must be a whole number from 0 to 100, got '\(bad)'"])
        }
        let single = try await project.run("traffic", ["shift", "50"])
        #expect(single.status == 2)
        #expect(single.lines.count == 1 && single.output.contains("shift needs two revisions"))
        let badSteps = try await project.run("deploy", ["update"], ["STEPS": "50,40"])
        #expect(badSteps.status == 2)
        #expect(badSteps.lines.count == 1 && badSteps.output.contains("STEPS must be rising percentages"))
        let sameRevision = try await project.run("deploy", ["update"])
        #expect(sameRevision.status == 2)
        #expect(sameRevision.output.contains("is already deployed"))

        let after = try Data(contentsOf: project.directory.appendingPathComponent(".toolbox/local/state.json"))
        #expect(before == after)
        #expect(try await project.run("infra", ["down"]).status == 0)
    }

    @Test func aSecondMutatingCommandWaitsThenNamesTheHolder() async throws {
        let project = try ToolboxProject()
        defer { project.cleanUp() }
        let lockDirectory = project.directory.appendingPathComponent(".toolbox")
        let held = try ProjectLockHolder(directory: lockDirectory)
        defer { held.release() }
        let blocked = try await project.run("infra", ["up"])
        #expect(blocked.status == 1)
        #expect(blocked.lines.count == 1)
        #expect(blocked.output.contains("another toolbox command is changing this project: PID \(getpid()) (test holder)"))
    }
}
