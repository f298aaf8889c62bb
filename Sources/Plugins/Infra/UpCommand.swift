import ArgumentParser
import Toolbox

/// `make build-infra`: everything up; a second run changes nothing and says so.
struct UpCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "up",
        abstract: "Start the router, the server tasks and the client tasks (idempotent)."
    )

    @OptionGroup var project: ProjectOptions

    func run() async throws {
        try await project.changingDeployment { settings, platform in
            let server = try RevisionSource.workingTree(.echoServer, settings: settings)
            let client = try RevisionSource.workingTree(.echoClient, settings: settings)
            let changed = try await platform.bringUp(server: server, client: client)
            guard let deployment = try await platform.describe() else { return }
            if !changed {
                Console.say("Everything is already up; nothing changed.")
            }
            Console.say("Public endpoint:")
            Console.say(deployment.publicEndpoint)
            Console.say("Virtual service (gRPC):")
            Console.say(deployment.virtualServiceAddress)
        }
    }
}
