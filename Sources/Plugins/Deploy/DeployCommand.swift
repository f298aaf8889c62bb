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
            stops the old revision. Each step is gated on the new tasks' health and error rate \
            (ERROR_RATE, MIN_REQUESTS); a failed gate rolls back. STEPS=0 only stages the new \
            revision; promote finishes it, rollback undoes it, abort stops a rollout where it stands.
            """,
        subcommands: [UpdateCommand.self, PromoteCommand.self, RollbackCommand.self, AbortCommand.self, RetireCommand.self]
    )
}
