import ArgumentParser
import Toolbox

/// `make rollback`: the rollout on record undone, by hand, at any point before the old revision is retired.
typealias RollbackCommand = RolloutVerbCommand<Rollback>

enum Rollback: RolloutVerbAction {
    static let configuration = CommandConfiguration(
        commandName: "rollback",
        abstract: "All traffic back to the previous revision, then the new revision drained and stopped.",
        discussion: "Works on an interrupted rollout (from its journal) and on a staged or shifted revision.")
    static let verb = RolloutVerb.rollback
    static func act(_ rollout: Rollout) async throws { try await rollout.rollback() }
}
