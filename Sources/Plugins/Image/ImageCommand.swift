import ArgumentParser
import Foundation
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

/// Flags every verb shares: where the project and its image store are.
struct ProjectOptions: ParsableArguments {
    @Option(help: "The project's root (a git working tree).")
    var projectRoot: String = FileManager.default.currentDirectoryPath

    @Option(help: "The image store (OCI layouts); default <project-root>/.toolbox/images.")
    var store: String?

    var images: ProjectImages {
        let root = URL(fileURLWithPath: projectRoot)
        return ProjectImages(projectRoot: root, store: store.map { ImageStore(root: URL(fileURLWithPath: $0)) })
    }
}
