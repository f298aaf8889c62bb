import ArgumentParser
import Toolbox

/// `make destroy-infra`: stops everything the toolbox started, by recorded PID, and removes the state.
struct DownCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "down",
        abstract: "Stop every task and the router, and remove the recorded state."
    )

    @OptionGroup var project: ProjectOptions
    @OptionGroup var plan: PlanOptions

    func run() async throws {
        try await project.changingDeployment(plan, titled: false) { _, platform in
            try await platform.planTearDown()
        } change: { settings, platform in
            guard try await platform.hasAnythingToTearDown() else {
                Console.say("Nothing to destroy.")
                return
            }
            try await platform.tearDown()
            try RolloutJournalFile(stateDirectory: settings.stateDirectory).close()
            Console.say("Destroyed: every task and the router are stopped, the state is removed.")
        }
    }
}
