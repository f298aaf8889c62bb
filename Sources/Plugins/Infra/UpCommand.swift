import ArgumentParser
import Toolbox

/// `make build-infra`: everything up; a second run changes nothing and says so.
struct UpCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "up",
        abstract: "Start the router, the server tasks and the client tasks (idempotent)."
    )

    @OptionGroup var project: ProjectOptions
    @OptionGroup var plan: PlanOptions

    func run() async throws {
        // The plan (--dry-run or PLAN=1) resolves the images without publishing them.
        try await project.changingDeployment(plan, titled: false) { settings, platform in
            let server = try await platform.revisionSource(for: settings.services.server, environment: [:], publish: false)
            let client = try await platform.revisionSource(for: settings.services.client, environment: [:], publish: false)
            return try await platform.planBringUp(server: server, client: client)
        } change: { settings, platform in
            let server = try await platform.revisionSource(for: settings.services.server, environment: [:], publish: true)
            let client = try await platform.revisionSource(for: settings.services.client, environment: [:], publish: true)
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
