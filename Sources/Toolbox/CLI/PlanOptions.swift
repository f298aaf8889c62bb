import ArgumentParser
import ToolboxCore

/// `--dry-run` (PLAN=1 in make): a command prints its plan from read-only calls and changes nothing.
public struct PlanOptions: ParsableArguments {
    @Flag(help: "Print what would change, and change nothing (PLAN=1 in make).")
    public var dryRun = false

    public init() {}
}

extension ProjectOptions {
    /// With a plan asked for (flag or PLAN=1): `plan`'s lines, printed, exit 0, no lock taken
    /// (nothing is written). Otherwise `change`, under the project lock like every change.
    public func changingDeployment(
        _ options: PlanOptions,
        titled: Bool = true,
        plan: @escaping (ToolboxSettings, any Platform) async throws -> [String],
        change: @escaping (ToolboxSettings, any Platform) async throws -> Void
    ) async throws {
        if try await planned(options, titled: titled, plan: plan) { return }
        try await changingDeployment(change)
    }

    /// Prints the plan and returns true when one is asked for; false otherwise, having done nothing.
    /// Untitled, the plan's lines stand alone (the infrastructure's plans carry their own summary).
    public func planned(
        _ options: PlanOptions, titled: Bool = true, plan: @escaping (ToolboxSettings, any Platform) async throws -> [String]
    ) async throws -> Bool {
        var planned = false
        try await CommandRunner.run {
            let settings = try self.settings()
            guard options.dryRun || settings.planOnly else { return }
            planned = true
            let platform = try self.platform(settings)
            if titled { Console.say("Plan (nothing is changed):") }
            for line in try await plan(settings, platform) { Console.say(titled ? "  \(line)" : line) }
        }
        return planned
    }
}
