import Foundation
import Testing

@testable import ToolboxCore
@testable import ToolboxRollout

/// Issue #16 on the local target, for real: a receipt's shares agree with what the clients saw,
/// a rollback inside the KEEP_PREVIOUS window starts nothing and loses nothing, and PLAN=1 on
/// every rollout verb changes nothing.
@Suite(.serialized) struct ReceiptAndWindowTests {
    static func receipts(of project: ToolboxProject) -> [RolloutReceipt] {
        let store = ReceiptStore(stateDirectory: project.directory.appendingPathComponent(".toolbox"))
        return store.files().compactMap(store.load)
    }

    @Test("the receipt's share per step agrees with the load's count per version; rollback in the window starts nothing")
    func receiptSharesAndRollbackWindow() async throws {
        let project = try ToolboxProject(version: "0.9", settings: ["KEEP_PREVIOUS": "5m"])
        defer { project.cleanUp() }
        #expect(try await project.run("infra", ["up"]).status == 0)
        let load = HTTPLoad(port: project.publicPort, workers: 10)
        try await load.waitForMore(100)

        try project.setVersion("1.0")
        let update = try await project.run("deploy", ["update"], ["STEPS": "50,100", "BAKE": "4"])
        #expect(update.status == 0, "\(update.output)")
        #expect(update.output.contains("Receipt ") && update.output.contains("update 0.9-"), "\(update.output)")
        let receipt = try #require(Self.receipts(of: project).last)
        #expect(receipt.outcome == .kept && receipt.steps.map(\.requestedWeight) == [50, 100])
        // The clients' answers over the 50% step, a margin trimmed at each end for the route change.
        let half = receipt.steps[0]
        let seen = load.recorded.between(half.startedAt.addingTimeInterval(0.5), half.startedAt.addingTimeInterval(half.seconds - 0.5))
        let counted = try #require(half.observedShare)
        #expect(seen.count > 50, "only \(seen.count) answers seen during the step")
        // Stated tolerance: 10 points between the router's count and the clients' count.
        #expect(abs(counted - seen.share(of: "1.0")) <= 10, "receipt \(counted)% vs clients \(seen.share(of: "1.0"))%")
        #expect(abs(counted - 50) <= 10)

        // Inside the window: the kept 0.9 takes all traffic back, with no process started.
        let pidsBefore = Set(project.recordedPIDs())
        let kept = try #require(project.serverRevision(version: "0.9"))
        #expect(kept.weight == 0 && kept.pids.allSatisfy(ProcessLiveness.isAlive))
        let status = try await project.run("traffic", ["status"])
        #expect(status.output.contains("Rollback window: \(kept.tag)") && status.output.contains("Last rollout: update"), "\(status.output)")
        let rollback = try await project.run("deploy", ["rollback"])
        #expect(rollback.status == 0, "\(rollback.output)")
        #expect(rollback.output.contains("Rolled back to \(kept.tag) in"), "\(rollback.output)")
        #expect(Set(project.recordedPIDs()).isSubset(of: pidsBefore), "a rollback in the window starts nothing")
        #expect(project.serverRevisions().map(\.version) == ["0.9"])
        try await load.waitForMore(200)
        #expect(load.recorded.suffix(100).versions == ["0.9"])
        let samples = await load.stop()
        #expect(samples.failures.count == 0, "\(samples.failures.count) failed: \(samples.failures.prefix(3))")
        #expect(try await project.run("infra", ["down"]).status == 0)
    }

    @Test("PLAN=1 on update, shift, promote, rollback, abort and retire changes nothing")
    func plansChangeNothing() async throws {
        let project = try ToolboxProject(version: "0.9")
        defer { project.cleanUp() }
        #expect(try await project.run("infra", ["up"]).status == 0)
        try project.setVersion("1.0")
        #expect(try await project.run("deploy", ["update"], ["STEPS": "0"]).status == 0)
        try project.setVersion("1.1")
        let state = project.directory.appendingPathComponent(".toolbox/local/state.json")
        let before = try Data(contentsOf: state)
        let pids = Set(project.recordedPIDs())
        let receipts = Self.receipts(of: project).count
        let plans: [(String, [String])] = [
            ("deploy", ["update"]), ("traffic", ["shift", "40"]), ("deploy", ["promote"]),
            ("deploy", ["rollback"]), ("deploy", ["abort"]), ("deploy", ["retire"]),
        ]
        for (executable, arguments) in plans {
            let plan = try await project.run(executable, arguments, ["PLAN": "1"])
            #expect(plan.status == 0, "\(arguments): \(plan.output)")
            #expect(plan.lines.first == "Plan (nothing is changed):", "\(arguments): \(plan.output)")
            #expect(try Data(contentsOf: state) == before, "\(arguments) changed the state")
            #expect(Set(project.recordedPIDs()) == pids && pids.allSatisfy(ProcessLiveness.isAlive))
        }
        let shift = try await project.run("traffic", ["shift", "40", "--dry-run"])
        #expect(shift.output.contains("route 0.9-") && shift.output.contains("60%") && shift.output.contains("HAProxy: set server"), "\(shift.output)")
        let update = try await project.run("deploy", ["update"], ["PLAN": "1"])
        #expect(update.output.contains("would be refused: a rollout is already under way"), "\(update.output)")
        #expect(Self.receipts(of: project).count == receipts, "a plan writes no receipt")
        #expect(try await project.run("infra", ["down"]).status == 0)
    }
}
