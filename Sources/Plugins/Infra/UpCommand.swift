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
        try await project.changingDeployment(plan, titled: false) { settings, platform in
            let (server, client) = try await Self.sources(settings, platform, publish: false)
            return try await platform.planBringUp(server: server, client: client)
        } change: { settings, platform in
            let (server, client) = try await Self.sources(settings, platform, publish: true)
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

    /// The server's and the client's revisions from the working tree; a plan publishes no image.
    private static func sources(
        _ settings: ToolboxSettings, _ platform: any Platform, publish: Bool
    ) async throws -> (server: RevisionSource, client: RevisionSource) {
        let services = settings.services
        return (
            try await platform.revisionSource(for: services.server, environment: [:], publish: publish),
            try await platform.revisionSource(for: services.client, environment: [:], publish: publish)
        )
    }
}
