import ArgumentParser
import Toolbox

/// `make retire`: ends the rollback window now, stopping the previous revision kept at 0 %.
struct RetireCommand: RolloutVerbCommand {
    static let configuration = CommandConfiguration(
        commandName: "retire",
        abstract: "Stop the previous revision kept for a rollback (KEEP_PREVIOUS) and close the window."
    )

    @OptionGroup var project: ProjectOptions
    @OptionGroup var plan: PlanOptions

    static let verb = RolloutVerb.retire
    static func act(_ rollout: Rollout) async throws { try await rollout.retireKeptRevision() }
}
