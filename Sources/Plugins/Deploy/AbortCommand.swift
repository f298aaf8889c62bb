import ArgumentParser
import Foundation
import Toolbox

/// `make abort`: a rollout stopped where it stands, with traffic back on the previous revision.
/// A rollout running in another process is asked to stop (SIGINT, as Ctrl-C would) and does
/// it itself; one that was killed is stopped from its journal.
struct AbortCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "abort",
        abstract: "Stop a rollout where it stands and return all traffic to the previous revision.",
        discussion: "The new revision stays staged at 0% when it had taken traffic; make rollback removes it."
    )

    @OptionGroup var project: ProjectOptions
    @OptionGroup var plan: PlanOptions

    @Option(help: "Seconds to wait for a running rollout to stop.")
    var wait: Double = 60

    func run() async throws {
        // Abort takes the lock itself (not through changingDeployment): it may first ask a running
        // rollout to stop.
        let planned = try await project.planned(plan) { settings, platform in
            try await Rollout(platform: platform, settings: settings).plan(.abort)
        }
        if !planned { try await stop() }
    }

    private func stop() async throws {
        try await CommandRunner.run {
            let settings = try project.settings()
            let platform = try project.platform(settings)
            var asked: ProjectLock.Holder?
            if let holder = ProjectLock.currentHolder(in: settings.stateDirectory), holder.pid != getpid(), kill(holder.pid, SIGINT) == 0 {
                Console.say("Asking PID \(holder.pid) (\(holder.command)) to stop where it stands...")
                asked = holder
            }
            let lock = try project.lock(settings, wait: asked == nil ? nil : wait)
            defer { lock.release() }
            let rollout = Rollout(platform: platform, settings: settings)
            if let asked, asked.command.contains(" update"), try rollout.interruptedRollout() == nil {
                Console.say("PID \(asked.pid) stopped; make status shows where traffic goes")
                return
            }
            try await rollout.abortInterrupted()
        }
    }
}
