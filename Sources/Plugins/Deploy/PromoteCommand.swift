import ArgumentParser
import Toolbox

/// `make promote`: finishes a staged rollout (all traffic to the newest revision, the older one retired).
typealias PromoteCommand = RolloutVerbCommand<Promote>

enum Promote: RolloutVerbAction {
    static let configuration = CommandConfiguration(
        commandName: "promote", abstract: "Send all traffic to the newest revision and retire the one before it.")
    static let verb = RolloutVerb.promote
    static func act(_ rollout: Rollout) async throws { try await rollout.promote() }
}
