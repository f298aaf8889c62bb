import Foundation
import Testing

@testable import ToolboxCore
@testable import ToolboxRollout
import ToolboxTestSupport

/// Every rollout command leaves a receipt in .toolbox/receipts: its steps with the weight asked
/// for and the share the router counted, and how it ended.
@Suite("Rollout receipts, in memory")
struct RolloutReceiptTests {
    typealias Machine = RolloutStateMachineTests

    static func receipts(_ settings: ToolboxSettings) -> [RolloutReceipt] {
        let store = ReceiptStore(stateDirectory: settings.stateDirectory)
        return store.files().compactMap(store.load)
    }

    @Test func anUpdateRecordsEachStepWithItsObservedShare() async throws {
        let platform = InMemoryPlatform(first: Machine.old)
        let settings = try Machine.settings()
        try await Rollout(platform: platform, settings: settings).update(to: Machine.new)
        let receipt = try #require(Self.receipts(settings).last)
        #expect(receipt.command == "update" && receipt.revision == Machine.new.tag && receipt.previous == Machine.old)
        #expect(receipt.outcome == .completed && receipt.finishedAt != nil)
        #expect(receipt.steps.map(\.requestedWeight) == [50, 100])
        // The in-memory router sends calls in proportion to the weights.
        #expect(abs((receipt.steps[0].observedShare ?? -1) - 50) < 0.01)
        #expect(receipt.steps[1].observedShare == 100)
        #expect(receipt.steps.allSatisfy { $0.shareWarning == nil && ($0.calls?[Machine.new.tag]?.answered ?? 0) > 0 })
    }

    @Test func aRolledBackUpdateSaysWhy() async throws {
        let platform = InMemoryPlatform(first: Machine.old)
        platform.state.withLock { $0.failureRate[Machine.new.tag] = 0.25 }
        let settings = try Machine.settings()
        await #expect(throws: ToolboxError.self) {
            try await Rollout(platform: platform, settings: settings).update(to: Machine.new)
        }
        let receipt = try #require(Self.receipts(settings).last)
        #expect(receipt.outcome == .rolledBack)
        #expect(receipt.reason?.contains("above ERROR_RATE=1%") == true, "\(receipt.reason ?? "")")
        #expect(receipt.steps.count == 1 && (receipt.steps[0].calls?[Machine.new.tag]?.failed ?? 0) > 0)
    }

    @Test func aShareFarFromTheWeightIsReportedAndFailsWithStrictShare() async throws {
        let lenient = InMemoryPlatform(first: Machine.old)
        lenient.state.withLock { $0.ignoredByRouter = [Machine.new.tag] }
        let settings = try Machine.settings()
        try await Rollout(platform: lenient, settings: settings).update(to: Machine.new)
        let reported = try #require(Self.receipts(settings).last)
        #expect(reported.outcome == .completed)
        #expect(reported.steps[0].shareWarning?.contains("answered 0% of the calls at a weight of 50%") == true)

        let strict = InMemoryPlatform(first: Machine.old)
        strict.state.withLock { $0.ignoredByRouter = [Machine.new.tag] }
        let strictSettings = try Machine.settings(["STRICT_SHARE": "1"])
        let failure = await #expect(throws: ToolboxError.self) {
            try await Rollout(platform: strict, settings: strictSettings).update(to: Machine.new)
        }
        #expect(failure?.description.contains("STRICT_SHARE=1") == true, "\(String(describing: failure))")
        #expect(strict.route == .only(Machine.old))
        #expect(Self.receipts(strictSettings).last?.outcome == .rolledBack)
    }

    @Test func shiftPromoteAndRollbackLeaveReceiptsToo() async throws {
        let platform = InMemoryPlatform(first: Machine.old)
        let settings = try Machine.settings(["STEPS": "0"])
        let rollout = Rollout(platform: platform, settings: settings)
        try await rollout.update(to: Machine.new)
        try await rollout.shift(percent: 30)
        try await rollout.rollback()
        let receipts = Self.receipts(settings)
        #expect(receipts.map(\.command) == ["update", "shift", "rollback"])
        #expect(receipts.map(\.outcome) == [.staged, .completed, .completed])
        #expect(receipts[1].steps.map(\.requestedWeight) == [30])
    }
}
