import ArgumentParser
import Toolbox

/// `deploy`: ships a new revision of the server with a stepped, health-gated traffic shift (make update).
@main
struct DeployCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deploy",
        abstract: "Roll out a new revision of the echo server and retire the old one.",
        discussion: """
            update starts the new revision's tasks, waits until they are healthy, routes traffic \
            to them in STEPS (default 50,100) with BAKE seconds between steps, then drains and \
            stops the old revision. STEPS=0 only stages the new revision; promote finishes it.
            """,
        subcommands: [UpdateCommand.self, PromoteCommand.self]
    )
}
