import ArgumentParser
import Toolbox

/// `infra`: stands the project's infrastructure up, and tears it down (make build-infra, destroy-infra).
@main
struct InfraCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "infra",
        abstract: "Bring the project's infrastructure up or tear it down.",
        discussion: """
            On the local target (the default) the infrastructure is HAProxy as load balancer and \
            virtual router, echo-server tasks and echo-client tasks, each a process with its own \
            loopback address. Settings come from .env and the environment (see .env-sample).
            """,
        subcommands: [UpCommand.self, DownCommand.self]
    )
}
