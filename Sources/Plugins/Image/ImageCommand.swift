import ArgumentParser
import Toolbox

/// `image`: container images without a container engine. Each verb is one call into Toolbox.
@main
struct ImageCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "image",
        abstract: "Build, push and unpack OCI images of the toolbox's executables; re-tag them after a commit.",
        subcommands: [BuildCommand.self, PushCommand.self, TagCommitCommand.self, UnpackCommand.self]
    )
}
