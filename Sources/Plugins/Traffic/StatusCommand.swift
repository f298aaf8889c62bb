import ArgumentParser
import Foundation
import Toolbox

/// `make status`: revisions, versions, tags, commits, tasks with their health, weights, endpoints.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show what is deployed and where traffic goes (changes nothing)."
    )

    @OptionGroup var project: ProjectOptions

    @Flag(help: "Print the status as JSON.")
    var json = false

    func run() async throws {
        try await CommandRunner.run {
            let settings = try project.settings()
            let platform = try project.platform(settings)
            let report = try await StatusReport.gather(from: platform, settings: settings)
            Console.say(json ? try report.json() : report.text())
        }
    }
}
