import Foundation
import Testing
@testable import ToolboxCore

/// Rollouts that go wrong, on the local target, each under a concurrent HTTP load on the public
/// endpoint for the whole scenario: whatever happens, no client request may fail, and the
/// project must end in the state the user was promised.
@Suite(.serialized) struct RolloutSafetyTests {
    @Test func aVersionFailingOneCallInFiveIsRolledBackAtTheFirstStep() async throws {
        let (project, load) = try await upUnderLoad()
        defer { project.cleanUp() }
        try project.setVersion("1.0")
        // The error-rate gate under load is what this is about: the smoke step, which would stop
        // this version before any weight moved, is SmokeTestTests'.
        let update = try project.start(
            "deploy", ["update", "--task-env", "ECHO_FAULT_FAIL_RATE=0.2"], ["STEPS": "50,100", "BAKE": "8", "SMOKE": "0"])
        try await project.waitForLine("Routing 50%", of: update)
        let newPIDs = try #require(project.serverRevision(version: "1.0")).pids
        let result = try await update.finish(timeout: .seconds(60))
        #expect(result.status == 1, "\(result.output)")
        #expect(!result.output.contains("Routing 100%"))
        #expect(result.lines.last?.hasPrefix("error: rolled back to 0.9-") == true, "\(result.output)")
        #expect(result.output.contains("above ERROR_RATE=1%"))
        try await load.waitForMore(100)
        let samples = await load.stop()
        Self.report("new version fails 20% of calls", samples, result)
        #expect(samples.failures.isEmpty, "\(samples.failures.count) failed: \(samples.failures.prefix(3))")
        #expect(samples.suffix(50).versions == ["0.9"])
        #expect(project.serverRevisions().map(\.version) == ["0.9"])
        #expect(newPIDs.count == 2 && newPIDs.allSatisfy { !ProcessLiveness.isAlive($0) })
        #expect(!project.hasRolloutJournal)
    }

    @Test func aNewTaskKilledDuringTheBakeRollsBackOrIsCarriedOnWithoutWhenAllowed() async throws {
        let (project, load) = try await upUnderLoad()
        defer { project.cleanUp() }
        try project.setVersion("1.0")
        let update = try project.start("deploy", ["update"], ["STEPS": "50,100", "BAKE": "8"])
        try await project.waitForLine("Baking 8 s at 50%", of: update)
        let newPIDs = try #require(project.serverRevision(version: "1.0")).pids
        kill(newPIDs[0], SIGKILL)
        let result = try await update.finish(timeout: .seconds(60))
        #expect(result.status == 1, "\(result.output)")
        #expect(result.output.contains("lost a task"))
        #expect(project.serverRevisions().map(\.version) == ["0.9"])
        #expect(newPIDs.allSatisfy { !ProcessLiveness.isAlive($0) })

        let tolerant = try project.start("deploy", ["update"], ["STEPS": "50,100", "BAKE": "4", "ON_TASK_LOSS": "continue"])
        try await project.waitForLine("Baking 4 s at 50%", of: tolerant)
        kill(try #require(project.serverRevision(version: "1.0")).pids[0], SIGKILL)
        let carriedOn = try await tolerant.finish(timeout: .seconds(60))
        #expect(carriedOn.status == 0, "\(carriedOn.output)")
        #expect(carriedOn.output.contains("carrying on with the healthy ones"))
        try await load.waitForMore(100)
        let samples = await load.stop()
        Self.report("new task killed during the bake", samples, result)
        #expect(samples.failures.isEmpty, "\(samples.failures.count) failed: \(samples.failures.prefix(3))")
        #expect(samples.suffix(50).versions == ["1.0"])
        #expect(project.serverRevisions().map(\.version) == ["1.0"])
    }

    @Test func anOldTaskKilledDuringTheShiftLosesNothing() async throws {
        let (project, load) = try await upUnderLoad()
        defer { project.cleanUp() }
        try project.setVersion("1.0")
        let update = try project.start("deploy", ["update"], ["STEPS": "50,100", "BAKE": "3"])
        try await project.waitForLine("Routing 50%", of: update)
        kill(try #require(project.serverRevision(version: "0.9")).pids[0], SIGKILL)
        let result = try await update.finish(timeout: .seconds(60))
        #expect(result.status == 0, "\(result.output)")
        try await load.waitForMore(100)
        let samples = await load.stop()
        Self.report("old task killed during the shift", samples, result)
        #expect(samples.failures.isEmpty, "\(samples.failures.count) failed: \(samples.failures.prefix(3))")
        #expect(samples.suffix(50).versions == ["1.0"])
        #expect(project.serverRevisions().map(\.version) == ["1.0"])
    }

    @Test func aToolboxKilledMidRolloutIsFinishedByTheNextUpdate() async throws {
        let (project, load) = try await upUnderLoad()
        defer { project.cleanUp() }
        try await killedAtFiftyPercent(project)
        let finished = try await project.run("deploy", ["update"], ["BAKE": "1"])
        #expect(finished.status == 0, "\(finished.output)")
        #expect(finished.output.contains("Resuming the interrupted rollout of 1.0-"))
        try await load.waitForMore(100)
        let samples = await load.stop()
        Self.report("toolbox killed, then make update", samples, finished)
        #expect(samples.failures.isEmpty, "\(samples.failures.count) failed: \(samples.failures.prefix(3))")
        #expect(samples.suffix(50).versions == ["1.0"])
        #expect(project.serverRevisions().map(\.version) == ["1.0"])
        #expect(!project.hasRolloutJournal)
    }

    @Test func aToolboxKilledMidRolloutIsUndoneByRollback() async throws {
        let (project, load) = try await upUnderLoad()
        defer { project.cleanUp() }
        try await killedAtFiftyPercent(project)
        let newPIDs = try #require(project.serverRevision(version: "1.0")).pids
        let rollback = try await project.run("deploy", ["rollback"])
        #expect(rollback.status == 0, "\(rollback.output)")
        #expect(rollback.output.contains("Rolled back to 0.9-"))
        try await load.waitForMore(100)
        let samples = await load.stop()
        Self.report("toolbox killed, then make rollback", samples, rollback)
        #expect(samples.failures.isEmpty, "\(samples.failures.count) failed: \(samples.failures.prefix(3))")
        #expect(samples.suffix(50).versions == ["0.9"])
        #expect(project.serverRevisions().map(\.version) == ["0.9"])
        #expect(newPIDs.allSatisfy { !ProcessLiveness.isAlive($0) })
        #expect(!project.hasRolloutJournal)
    }

    @Test func twoShiftsAtOnceOneSucceedsTheOtherNamesTheHolder() async throws {
        let (project, load) = try await upUnderLoad()
        defer { project.cleanUp() }
        try project.setVersion("1.0")
        #expect(try await project.run("deploy", ["update"], ["STEPS": "0"]).status == 0)
        let lockDirectory = project.directory.appendingPathComponent(".toolbox")
        // Catch the first shift while it holds the lock and freeze it there, so the second
        // one meets a holder however fast the first would have been.
        var caught: (first: RunningCommand, percent: Int)?
        for percent in 20...39 where caught == nil {
            let first = try project.start("traffic", ["shift", String(percent)])
            let pid = first.process.processIdentifier
            let deadline = ContinuousClock.now + .seconds(5)
            while caught == nil, first.process.isRunning, ContinuousClock.now < deadline {
                if ProjectLock.currentHolder(in: lockDirectory)?.pid == pid, kill(pid, SIGSTOP) == 0 {
                    caught = (first, percent)
                } else {
                    usleep(200)
                }
            }
            if caught == nil { _ = try await first.finish(timeout: .seconds(10)) }
        }
        let (first, percent) = try #require(caught, "never caught the first shift holding the lock")
        let second = try await project.run("traffic", ["shift", "75"], ["LOCK_WAIT": "1"])
        kill(first.process.processIdentifier, SIGCONT)
        let firstResult = try await first.finish(timeout: .seconds(10))
        #expect(firstResult.status == 0, "\(firstResult.output)")
        #expect(second.status == 1)
        #expect(second.lines.count == 1)
        #expect(second.output.contains("another toolbox command is changing this project: PID \(first.process.processIdentifier) (traffic shift"))
        #expect(project.serverRevision(version: "1.0")?.weight == percent)
        let samples = await load.stop()
        Self.report("two shifts at once", samples, second)
        #expect(samples.failures.isEmpty, "\(samples.failures.count) failed: \(samples.failures.prefix(3))")
    }

    @Test func ctrlCOrMakeAbortStopsARolloutWhereItStands() async throws {
        let (project, load) = try await upUnderLoad()
        defer { project.cleanUp() }
        try project.setVersion("1.0")
        let update = try project.start("deploy", ["update"], ["STEPS": "50,100", "BAKE": "30"])
        try await project.waitForLine("Baking 30 s at 50%", of: update)
        update.interrupt(SIGINT)
        let interrupted = try await update.finish(timeout: .seconds(30))
        #expect(interrupted.status == 130, "\(interrupted.output)")
        #expect(interrupted.output.contains("Aborted: 100% of traffic is back on 0.9-"))
        let staged = project.serverRevisions()
        #expect(staged.map(\.weight) == [100, 0])
        #expect(staged.last?.pids.allSatisfy(ProcessLiveness.isAlive) == true)
        #expect(!project.hasRolloutJournal)
        #expect(try await project.run("deploy", ["rollback"]).status == 0)

        let again = try project.start("deploy", ["update"], ["STEPS": "50,100", "BAKE": "30"])
        try await project.waitForLine("Baking 30 s at 50%", of: again)
        let abort = try await project.run("deploy", ["abort"])
        #expect(abort.status == 0, "\(abort.output)")
        #expect(abort.output.contains("Asking PID \(again.process.processIdentifier) (deploy update"))
        let aborted = try await again.finish(timeout: .seconds(30))
        #expect(aborted.status == 130, "\(aborted.output)")
        #expect(project.serverRevisions().map(\.weight) == [100, 0])
        try await load.waitForMore(100)
        let samples = await load.stop()
        Self.report("Ctrl-C, then make abort, during make update", samples, aborted)
        #expect(samples.failures.isEmpty, "\(samples.failures.count) failed: \(samples.failures.prefix(3))")
        #expect(samples.suffix(50).versions == ["0.9"])
    }

    // MARK: - Scenario pieces

    /// A project brought up at 0.9 with a bounded load running on its public endpoint.
    func upUnderLoad() async throws -> (ToolboxProject, HTTPLoad) {
        let project = try ToolboxProject(version: "0.9")
        let up = try await project.run("infra", ["up"])
        guard up.status == 0 else {
            project.cleanUp()
            throw ProjectFailure("infra up failed: \(up.output)")
        }
        let load = HTTPLoad(port: project.publicPort, workers: 10, maxDuration: .seconds(150))
        try await load.waitForMore(100)
        return (project, load)
    }

    /// `make update` to 1.0, killed with SIGKILL while it bakes at 50 %: the journal stays, the
    /// route still sums to 100 over healthy revisions, and status says what each command would do.
    func killedAtFiftyPercent(_ project: ToolboxProject) async throws {
        try project.setVersion("1.0")
        let update = try project.start("deploy", ["update"], ["STEPS": "50,100", "BAKE": "30"])
        try await project.waitForLine("Baking 30 s at 50%", of: update)
        update.interrupt(SIGKILL)
        let killed = try await update.finish(timeout: .seconds(10))
        #expect(killed.status == 128 + SIGKILL)
        #expect(project.hasRolloutJournal)
        let revisions = project.serverRevisions()
        #expect(revisions.map(\.weight) == [50, 50])
        #expect(revisions.flatMap(\.pids).allSatisfy(ProcessLiveness.isAlive))
        let stateBefore = project.state().map { NSDictionary(dictionary: $0) }
        let status = try await project.run("traffic", ["status"])
        #expect(status.status == 0)
        #expect(status.output.contains("INTERRUPTED at step 1 of 2 (50% to 1.0-"), "\(status.output)")
        #expect(status.lines.contains { $0.hasPrefix("  make update   checks 1.0-") && $0.contains("carries on from 50%") })
        #expect(status.lines.contains { $0.hasPrefix("  make rollback routes 100% to 0.9-") })
        #expect(project.state().map { NSDictionary(dictionary: $0) } == stateBefore)
        #expect(project.hasRolloutJournal)
    }

    /// The figures the closing note reports: requests sent and failed, and the rollback time.
    static func report(_ scenario: String, _ samples: [HTTPLoad.Sample], _ result: CommandResult) {
        let rollback = result.lines.first { $0.contains("(traffic back after") }.map { " | \($0)" } ?? ""
        print("SCENARIO \(scenario): \(samples.count) requests, \(samples.failures.count) failed\(rollback)")
    }
}
