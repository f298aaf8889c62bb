import ArgumentParser
import Toolbox

/// `make retire`: ends the rollback window now, stopping the previous revision kept at 0 %.
struct RetireCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retire",
        abstract: "Stop the previous revision kept for a rollback (KEEP_PREVIOUS) and close the window."
    )

    @OptionGroup var project: ProjectOptions
    @OptionGroup var plan: PlanOptions

    func run() async throws {
        try await project.changingDeployment(plan) { settings, platform in
            try await Rollout(platform: platform, settings: settings).plan(.retire)
        } change: { settings, platform in
            try await Rollout(platform: platform, settings: settings).retireKeptRevision()
        }
    }
}
