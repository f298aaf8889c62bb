import Foundation
import Testing

@testable import ToolboxCore
@testable import ToolboxRollout
import ToolboxTestSupport

/// KEEP_PREVIOUS: the previous revision stays at 0 % after a rollout reaches 100 %, make
/// rollback returns to it with one route change and nothing started, and the window ends at the
/// next update, at make retire, or when a later command finds it expired.
@Suite("Rollback window, in memory")
struct RollbackWindowTests {
    typealias Machine = RolloutStateMachineTests
    static let old = Machine.old
    static let new = Machine.new

    @Test func rollbackInsideTheWindowIsOneRouteChange() async throws {
        let platform = InMemoryPlatform(first: Self.old)
        let settings = try Machine.settings(["KEEP_PREVIOUS": "5m"])
        let rollout = Rollout(platform: platform, settings: settings)
        try await rollout.update(to: Self.new)
        #expect(platform.tags == [Self.old, Self.new.tag], "the previous revision is kept")
        #expect(platform.route.weight(of: Self.new.tag) == 100 && platform.route.weight(of: Self.old) == 0)
        let window = try #require(RollbackWindowFile(stateDirectory: settings.stateDirectory).load())
        #expect(window.previousTag == Self.old && window.endsAt.timeIntervalSinceNow > 290)

        let before = platform.log.count
        try await rollout.rollback()
        #expect(Array(platform.log.dropFirst(before)) == ["route \(Self.old)=100,\(Self.new.tag)=0", "retire \(Self.new.tag)"])
        #expect(platform.tags == [Self.old] && platform.route == .only(Self.old))
        #expect(RollbackWindowFile(stateDirectory: settings.stateDirectory).load() == nil)
        #expect(platform.brokenInvariants.isEmpty)
    }

    @Test func anExpiredWindowIsClosedByTheNextCommand() async throws {
        let platform = InMemoryPlatform(first: Self.old)
        let settings = try Machine.settings(["KEEP_PREVIOUS": "0.05"])
        let rollout = Rollout(platform: platform, settings: settings)
        try await rollout.update(to: Self.new)
        #expect(platform.tags.count == 2)
        try await Task.sleep(for: .milliseconds(100))
        let refused = await #expect(throws: ToolboxError.self) { try await rollout.shift(percent: 50) }
        #expect(refused?.kind == .refused, "one revision is left to shift")
        #expect(platform.log.last == "retire \(Self.old)")
        #expect(platform.tags == [Self.new.tag])
    }

    @Test func theNextUpdateAndRetireEndTheWindow() async throws {
        let platform = InMemoryPlatform(first: Self.old)
        let settings = try Machine.settings(["KEEP_PREVIOUS": "300"])
        let rollout = Rollout(platform: platform, settings: settings)
        try await rollout.update(to: Self.new)
        let refused = await #expect(throws: ToolboxError.self) { try await rollout.promote() }
        #expect(refused?.description.contains("make retire ends the window") == true, "\(String(describing: refused))")

        let newer = RevisionSource(tag: "1.1-ccccccc", version: "1.1", commit: "ccccccc", artifact: .executable(path: "/memory/echo-server"))
        try await rollout.update(to: newer)
        #expect(platform.log.contains("retire \(Self.old)"))
        #expect(platform.tags == [Self.new.tag, newer.tag], "1.0 is kept now")
        try await rollout.retireKeptRevision()
        #expect(platform.tags == [newer.tag] && platform.route == .only(newer.tag))
        #expect(RollbackWindowFile(stateDirectory: settings.stateDirectory).load() == nil)
    }
}
