import Foundation
import ToolboxCore

extension Rollout {
    /// After traffic reached 100 % on `current`: `previous` is kept at 0 % for KEEP_PREVIOUS
    /// (a rollback window) or retired at once when that is 0. Returns whether it was kept.
    @discardableResult
    func keepOrRetire(_ previous: Revision, current: String) async throws -> Bool {
        guard settings.keepPreviousSeconds > 0 else {
            try await uninterrupted { try await retire(previous) }
            return false
        }
        let window = RollbackWindow(
            previousTag: previous.tag, previousVersion: previous.version, currentTag: current,
            endsAt: Date().addingTimeInterval(settings.keepPreviousSeconds))
        try windowFile.save(window)
        Console.say(
            "Keeping \(previous.tag) (version \(previous.version)) running at 0% until \(Self.clock(window.endsAt)) (KEEP_PREVIOUS): make rollback returns to it at once, make retire stops it now"
        )
        return true
    }

    /// The open rollback window, if any; one that has expired is closed here, its revision retired.
    func openWindow() async throws -> RollbackWindow? {
        guard let window = windowFile.load() else { return nil }
        guard window.hasExpired else { return window }
        Console.say("The rollback window for \(window.previousTag) ended at \(Self.clock(window.endsAt)); retiring it")
        try await retireKept(window)
        return nil
    }

    /// Stops the kept revision and closes the window.
    func retireKept(_ window: RollbackWindow) async throws {
        if let kept = try await platform.describe()?.server.revision(tagged: window.previousTag) {
            try await uninterrupted { try await retire(kept) }
        }
        windowFile.close()
    }

    /// Refuses a verb that would move traffic between the kept and the current revision.
    func refuseDuringWindow(_ verb: String) async throws {
        guard let window = try await openWindow() else { return }
        throw ToolboxError.refused(
            "\(window.previousTag) is kept at 0% for a rollback until \(Self.clock(window.endsAt)); make rollback returns to it, make retire ends the window, then \(verb)"
        )
    }

    /// `make retire`: the kept revision stopped now, ending the rollback window.
    public func retireKeptRevision() async throws {
        guard let window = windowFile.load() else {
            throw ToolboxError.refused("no rollback window is open: nothing is kept to retire")
        }
        let receipt = beginReceipt("retire", revision: window.currentTag, previous: window.previousTag)
        let began = ContinuousClock.now
        try await retireKept(window)
        try finishReceipt(receipt, .completed, reason: "\(window.previousTag) retired; the rollback window is closed", since: began, weight: 100)
    }

    static func clock(_ date: Date) -> String { ReceiptTable.time(date) }
}
