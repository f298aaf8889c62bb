import Foundation
import Testing

@testable import ToolboxCore
@testable import ToolboxRollout
import ToolboxTestSupport

/// The rollout's state machine against an in-memory platform: steps, the journal, resuming after
/// a crash at every mutating call (before or after it acts), gates that roll back, abort and
/// rollback. Each test runs in milliseconds; the HAProxy and emulator suites remain the
/// acceptance layer for the platforms themselves.
@Suite("Rollout state machine, in memory")
struct RolloutStateMachineTests {
    static let old = "0.9-aaaaaaa"
    static let new = RevisionSource(tag: "1.0-bbbbbbb", version: "1.0", commit: "bbbbbbb", artifact: .executable(path: "/memory/echo-server"))

    /// Settings for a project folder of its own: two steps, a short bake, the default gates.
    static func settings(_ extra: [String: String] = [:]) throws -> ToolboxSettings {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "rollout-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent(".toolbox"), withIntermediateDirectories: true)
        let values = ["STEPS": "50,100", "BAKE": "0.02", "HEALTH_TIMEOUT": "1", "KEEP_PREVIOUS": "0"].merging(extra) { $1 }
        return try ToolboxSettings(projectDirectory: folder, values: values)
    }

    static func expectFinished(_ platform: InMemoryPlatform, _ settings: ToolboxSettings) throws {
        #expect(platform.tags == [new.tag], "only the new revision is left")
        #expect(platform.route == .only(new.tag))
        #expect(platform.brokenInvariants.isEmpty, "\(platform.brokenInvariants)")
        #expect(try Rollout(platform: platform, settings: settings).interruptedRollout() == nil, "the journal is closed")
    }

    @Test func updateMovesTrafficInStepsThenRetiresTheOldRevision() async throws {
        let platform = InMemoryPlatform(first: Self.old)
        let settings = try Self.settings()
        try await Rollout(platform: platform, settings: settings).update(to: Self.new)
        #expect(platform.log == [
            "start \(Self.new.tag)", "route \(Self.old)=50,\(Self.new.tag)=50", "route \(Self.old)=0,\(Self.new.tag)=100",
            "retire \(Self.old)",
        ])
        try Self.expectFinished(platform, settings)
    }

    /// A crash at each mutating call of a clean rollout, before or after the call acts, and the
    /// next `make update` finishes the job with the invariants kept throughout.
    @Test(arguments: [false, true]) func updateResumesAfterACrashAtEveryCall(afterActing: Bool) async throws {
        let clean = InMemoryPlatform(first: Self.old)
        try await Rollout(platform: clean, settings: try Self.settings()).update(to: Self.new)
        for call in 1...clean.mutations {
            let platform = InMemoryPlatform(first: Self.old)
            platform.state.withLock { $0.crashAt = (call, afterActing) }
            let settings = try Self.settings()
            await #expect(throws: InMemoryPlatform.Crash.self) {
                try await Rollout(platform: platform, settings: settings).update(to: Self.new)
            }
            platform.state.withLock { $0.crashAt = nil }
            try await Rollout(platform: platform, settings: settings).update(to: Self.new)
            try Self.expectFinished(platform, settings)
        }
    }

    @Test func anErrorRateAboveTheGateRollsBack() async throws {
        let platform = InMemoryPlatform(first: Self.old)
        platform.state.withLock { $0.failureRate[Self.new.tag] = 0.25 }
        let settings = try Self.settings()
        let failure = await #expect(throws: ToolboxError.self) {
            try await Rollout(platform: platform, settings: settings).update(to: Self.new)
        }
        #expect(failure?.description.contains("rolled back to \(Self.old)") == true, "\(String(describing: failure))")
        #expect(failure?.description.contains("above ERROR_RATE=1%") == true)
        #expect(platform.tags == [Self.old] && platform.route == .only(Self.old))
        #expect(platform.log.suffix(2) == ["route \(Self.old)=100,\(Self.new.tag)=0", "retire \(Self.new.tag)"], "traffic back first")
        #expect(platform.brokenInvariants.isEmpty)
    }

    @Test func aRevisionThatNeverGetsHealthyNeverGetsTraffic() async throws {
        let platform = InMemoryPlatform(first: Self.old)
        platform.state.withLock { $0.unhealthyOnStart = [Self.new.tag] }
        let settings = try Self.settings()
        await #expect(throws: ToolboxError.self) {
            try await Rollout(platform: platform, settings: settings).update(to: Self.new)
        }
        #expect(!platform.log.contains { $0.hasPrefix("route") && $0.contains("\(Self.new.tag)=50") })
        #expect(platform.tags == [Self.old] && platform.route.weight(of: Self.old) == 100)
    }

    @Test func rollbackUndoesARolloutInterruptedMidway() async throws {
        let platform = InMemoryPlatform(first: Self.old)
        platform.state.withLock { $0.crashAt = (2, true) }  // after the 50% route change
        let settings = try Self.settings()
        await #expect(throws: InMemoryPlatform.Crash.self) {
            try await Rollout(platform: platform, settings: settings).update(to: Self.new)
        }
        #expect(platform.route.weight(of: Self.new.tag) == 50)
        platform.state.withLock { $0.crashAt = nil }
        try await Rollout(platform: platform, settings: settings).rollback()
        #expect(platform.tags == [Self.old] && platform.route == .only(Self.old))
        #expect(try Rollout(platform: platform, settings: settings).interruptedRollout() == nil)
    }

    @Test func abortKeepsTheNewRevisionStagedAtZero() async throws {
        let platform = InMemoryPlatform(first: Self.old)
        platform.state.withLock { $0.crashAt = (2, true) }
        let settings = try Self.settings()
        await #expect(throws: InMemoryPlatform.Crash.self) {
            try await Rollout(platform: platform, settings: settings).update(to: Self.new)
        }
        platform.state.withLock { $0.crashAt = nil }
        try await Rollout(platform: platform, settings: settings).abortInterrupted()
        #expect(platform.tags == [Self.old, Self.new.tag], "the new revision's tasks keep running")
        #expect(platform.route.weight(of: Self.old) == 100 && platform.route.weight(of: Self.new.tag) == 0)
        let refused = await #expect(throws: ToolboxError.self) {
            try await Rollout(platform: platform, settings: settings).update(to: Self.new)
        }
        #expect(refused?.kind == .refused, "a staged revision is finished with promote, shift or rollback")
    }

    @Test func stagedRevisionIsShiftedAndPromotedByHand() async throws {
        let platform = InMemoryPlatform(first: Self.old)
        let settings = try Self.settings(["STEPS": "0"])
        let rollout = Rollout(platform: platform, settings: settings)
        try await rollout.update(to: Self.new)
        #expect(platform.route.weight(of: Self.new.tag) == 0 && platform.tags.count == 2)
        try await rollout.shift(percent: 30)
        #expect(platform.route.weight(of: Self.new.tag) == 30 && platform.route.weight(of: Self.old) == 70)
        try await rollout.promote()
        try Self.expectFinished(platform, settings)
    }
}
