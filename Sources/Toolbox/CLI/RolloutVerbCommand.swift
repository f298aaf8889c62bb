import ArgumentParser
import ToolboxCore
import ToolboxRollout

/// A rollout verb that takes no input of its own (promote, rollback, retire): its plan with
/// PLAN=1, else the verb itself under the project lock.
public protocol RolloutVerbCommand: AsyncParsableCommand {
    var project: ProjectOptions { get }
    var plan: PlanOptions { get }
    static var verb: RolloutVerb { get }
    static func act(_ rollout: Rollout) async throws
}

extension RolloutVerbCommand {
    public func run() async throws {
        try await project.changingDeployment(plan) { settings, platform in
            try await Rollout(platform: platform, settings: settings).plan(Self.verb)
        } change: { settings, platform in
            try await Self.act(Rollout(platform: platform, settings: settings))
        }
    }
}
