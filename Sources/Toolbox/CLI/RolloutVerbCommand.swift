import ArgumentParser
import ToolboxCore
import ToolboxRollout

/// A rollout verb that takes no input of its own (promote, rollback, retire): its command line's
/// name and help, and its one call into the rollout.
public protocol RolloutVerbAction {
    static var configuration: CommandConfiguration { get }
    static var verb: RolloutVerb { get }
    static func act(_ rollout: Rollout) async throws
}

/// The command of such a verb: its plan with PLAN=1 (or --dry-run), else the verb itself under the
/// project lock.
public struct RolloutVerbCommand<Action: RolloutVerbAction>: AsyncParsableCommand {
    public static var configuration: CommandConfiguration { Action.configuration }

    @OptionGroup var project: ProjectOptions
    @OptionGroup var plan: PlanOptions

    public init() {}

    public func run() async throws {
        try await project.changingDeployment(plan) { settings, platform in
            try await Rollout(platform: platform, settings: settings).plan(Action.verb)
        } change: { settings, platform in
            try await Action.act(Rollout(platform: platform, settings: settings))
        }
    }
}
