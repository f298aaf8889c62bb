import ArgumentParser
import Toolbox

/// `make watch`: where requests go, per version, per second, as bars: the original's curl loop, built in.
struct WatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Show the requests each version answers, every second, until Ctrl-C."
    )

    @OptionGroup var project: ProjectOptions

    @Option(help: "Seconds between two readings.")
    var interval: Double = 1

    @Option(help: "Stop after this many readings (default: until interrupted).")
    var count: Int?

    func run() async throws {
        try await CommandRunner.run {
            let settings = try project.settings()
            let platform = try project.platform(settings)
            guard interval >= 0.1 else { throw ToolboxError.refused("--interval must be at least 0.1 seconds") }
            try await TrafficWatch(platform: platform, interval: interval).run(readings: count)
        }
    }
}
