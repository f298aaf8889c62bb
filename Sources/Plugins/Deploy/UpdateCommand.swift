import ArgumentParser
import Toolbox

/// `make update`: the new revision from the working tree, rolled out in STEPS with BAKE between them.
struct UpdateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "update",
        abstract: "Roll out the server as built now: new tasks, health, traffic in steps, old revision retired.",
        discussion: "STEPS=10,50,100 and BAKE=<seconds> shape the rollout; STEPS=0 stages the revision at 0%."
    )

    @OptionGroup var project: ProjectOptions
    @OptionGroup var plan: PlanOptions

    @Option(name: .customLong("task-env"), help: "KEY=VALUE added to the new revision's tasks (repeatable), e.g. ECHO_FAULT_UNHEALTHY=1 to rehearse a bad version.")
    var taskEnvironment: [String] = []

    func run() async throws {
        try await project.changingDeployment(plan) { settings, platform in
            let source = try await platform.revisionSource(for: settings.services.server, environment: try environment(settings), publish: false)
            return try await Rollout(platform: platform, settings: settings).plan(.update(source))
        } change: { settings, platform in
            let source = try await platform.revisionSource(for: settings.services.server, environment: try environment(settings), publish: true)
            try await Rollout(platform: platform, settings: settings).update(to: source)
        }
    }

    private func environment(_ settings: ToolboxSettings) throws -> [String: String] {
        // TASK_ENV's words after the flags', as one list: a key in both takes TASK_ENV's value.
        try TaskEnvironment.parse(taskEnvironment).merging(settings.taskEnvironment) { $1 }
    }
}
