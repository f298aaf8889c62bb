import Foundation
import Testing

@testable import ToolboxCore
@testable import ToolboxRollout

/// A rollout journal edited by hand (no steps, a step beyond them) is described and refused
/// with words, never a trap.
@Suite struct RolloutJournalDamageTests {
    static func journal(steps: [Int], step: Int) -> RolloutJournal {
        var journal = RolloutJournal(
            previous: Revision(tag: "0.9-aaaaaaa", version: "0.9", commit: "a"),
            next: RevisionSource(tag: "1.0-bbbbbbb", version: "1.0", commit: "b", artifact: .executable(path: "/bin/true")),
            steps: steps
        )
        journal.phase = .shifting
        journal.step = step
        return journal
    }

    @Test("Describing a journal with no steps, or a step out of range, does not trap", arguments: [
        ([Int](), 0), ([50, 100], 7), ([50, 100], -3),
    ])
    func damagedJournalsAreDescribed(_ steps: [Int], _ step: Int) throws {
        let journal = Self.journal(steps: steps, step: step)
        #expect(!journal.hasUsableSteps)
        #expect(journal.position.contains("of \(steps.count)"))
        #expect(journal.whatUpdateDoes.contains("carries on from"))
        if steps.isEmpty { #expect(journal.position.contains("no steps recorded")) }
    }

    @Test func aSoundJournalIsUsable() {
        let journal = Self.journal(steps: [50, 100], step: 1)
        #expect(journal.hasUsableSteps)
        #expect(journal.position == "step 2 of 2 (100% to 1.0-bbbbbbb)")
    }
}
