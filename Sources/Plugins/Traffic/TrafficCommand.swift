import ArgumentParser
import Toolbox

/// `traffic`: moves and shows traffic between revisions (make shift, status, watch).
@main
struct TrafficCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "traffic",
        abstract: "Move traffic between the server's revisions and show where it goes.",
        subcommands: [ShiftCommand.self, StatusCommand.self, WatchCommand.self, ReceiptsCommand.self]
    )
}
