import ArgumentParser
import Toolbox

/// `make shift PERCENT=N`: the newest revision gets N %, the one before it the rest.
struct ShiftCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shift",
        abstract: "Route PERCENT of the traffic to the newest revision and the rest to the one before it."
    )

    @OptionGroup var project: ProjectOptions
    @OptionGroup var plan: PlanOptions

    @Argument(help: "A whole number from 0 to 100.")
    var percent: String

    func run() async throws {
        // Checked before the project's settings and lock are touched: a bad value changes nothing.
        var share: Percent = 0
        CommandRunner.run { share = try Percent(parsing: percent) }
        try await project.changingDeployment(plan) { settings, platform in
            try await Rollout(platform: platform, settings: settings).plan(.shift(percent: share))
        } change: { settings, platform in
            try await Rollout(platform: platform, settings: settings).shift(percent: share)
        }
    }
}
