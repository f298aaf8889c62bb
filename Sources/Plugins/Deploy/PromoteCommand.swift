import ArgumentParser
import Toolbox

/// `make promote`: finishes a staged rollout (all traffic to the newest revision, the older one retired).
struct PromoteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "promote",
        abstract: "Send all traffic to the newest revision and retire the one before it."
    )

    @OptionGroup var project: ProjectOptions
    @OptionGroup var plan: PlanOptions

    func run() async throws {
        try await project.changingDeployment(plan) { settings, platform in
            try await Rollout(platform: platform, settings: settings).plan(.promote)
        } change: { settings, platform in
            try await Rollout(platform: platform, settings: settings).promote()
        }
    }
}
