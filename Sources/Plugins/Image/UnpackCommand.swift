import ArgumentParser
import Foundation
import Toolbox

/// `image unpack`: an image's root filesystem on disk, and the command that runs it here.
struct UnpackCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unpack",
        abstract: "Unpack an image's root filesystem."
    )

    @OptionGroup var project: ProjectOptions

    @Argument(help: "name:tag of a built image.")
    var image: String

    @Option(help: "Directory to unpack into (the root filesystem lands in <into>/rootfs).")
    var into: String

    func run() {
        CommandRunner.run {
            let unpacked = try project.images.store.unpackRootFilesystem(
                ImageReference(parsing: image),
                into: URL(fileURLWithPath: into)
            )
            print("unpacked \(unpacked.reference) into \(unpacked.rootFilesystem.path)")
            print("run: " + (try unpacked.hostCommand()).joined(separator: " "))
        }
    }
}
