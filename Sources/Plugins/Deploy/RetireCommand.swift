import ArgumentParser
import Toolbox

/// `make retire`: ends the rollback window now, stopping the previous revision kept at 0 %.
typealias RetireCommand = RolloutVerbCommand<Retire>

enum Retire: RolloutVerbAction {
    static let configuration = CommandConfiguration(
        commandName: "retire", abstract: "Stop the previous revision kept for a rollback (KEEP_PREVIOUS) and close the window.")
    static let verb = RolloutVerb.retire
    static func act(_ rollout: Rollout) async throws { try await rollout.retireKeptRevision() }
}
