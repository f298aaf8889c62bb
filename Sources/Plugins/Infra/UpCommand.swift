import ArgumentParser
import Toolbox

/// `make build-infra`: everything up; a second run changes nothing and says so.
struct UpCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "up",
        abstract: "Start the router, the server tasks and the client tasks (idempotent)."
    )

    @OptionGroup var project: ProjectOptions

    @Flag(help: "Print what would be created or changed, and change nothing (PLAN=1 in make).")
    var dryRun = false

    func run() async throws {
        if try await planIfAsked() { return }
        try await project.changingDeployment { settings, platform in
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

    /// `--dry-run` (or PLAN=1): the plan, printed; no lock, no mutating call.
    private func planIfAsked() async throws -> Bool {
        var planned = false
        try await CommandRunner.run {
            let settings = try project.settings()
            guard dryRun || settings.planOnly else { return }
            planned = true
            let platform = try project.platform(settings)
            let server = try await platform.revisionSource(for: settings.services.server, environment: [:], publish: false)
            let client = try await platform.revisionSource(for: settings.services.client, environment: [:], publish: false)
            for line in try await platform.planBringUp(server: server, client: client) { Console.say(line) }
        }
        return planned
    }
}
