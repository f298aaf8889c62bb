import ArgumentParser
import Toolbox

/// `make destroy-infra`: stops everything the toolbox started, by recorded PID, and removes the state.
struct DownCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "down",
        abstract: "Stop every task and the router, and remove the recorded state."
    )

    @OptionGroup var project: ProjectOptions

    @Flag(help: "Print what would be deleted, and delete nothing (aws; PLAN=1 in make).")
    var dryRun = false

    func run() async throws {
        try await project.changingDeployment { settings, platform in
            if dryRun || settings.values["PLAN"] == "1" {
                guard let aws = platform as? AWSPlatform else {
                    throw ToolboxError.refused("--dry-run plans AWS infrastructure; the local target has nothing to plan (TARGET=aws)")
                }
                for line in try await aws.planTearDown() { Console.say(line) }
                return
            }
            // Locally the process ledger outlives a damaged state file: tear down whatever is there.
            let anything: Bool
            if let local = platform as? LocalPlatform {
                anything = local.hasAnythingToTearDown
            } else {
                anything = try await platform.describe() != nil
            }
            guard anything else {
                Console.say("Nothing to destroy.")
                return
            }
            try await platform.tearDown()
            try RolloutJournalFile(stateDirectory: settings.stateDirectory).close()
            Console.say("Destroyed: every task and the router are stopped, the state is removed.")
        }
    }
}
