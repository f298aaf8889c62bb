import ArgumentParser
import Foundation
import Toolbox

/// `image build`: one image from a built executable, tagged by the git commit.
struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Assemble an OCI image from an executable."
    )

    @OptionGroup var project: ProjectOptions

    @Option(help: "Image name, e.g. echo-server.")
    var name: String

    @Option(help: "The built executable to ship.")
    var executable: String

    @Option(help: "A TCP port the image exposes (repeatable).")
    var port: [Int] = []

    @Option(help: "KEY=VALUE set in the image's environment (repeatable).")
    var env: [String] = []

    @Flag(help: "Ship the CA certificates (for executables that make TLS calls).")
    var caCertificates = false

    @Option(help: "org.opencontainers.image.source label (e.g. the repository URL).")
    var source: String?

    @Flag(help: "Ship the executable stripped of its symbol tables.")
    var strip = false

    func run() {
        CommandRunner.run {
            let started = Date()
            let recipe = ImageRecipe(
                name: name,
                executable: URL(fileURLWithPath: executable),
                exposedPorts: port,
                environment: env,
                includesCACertificates: caCertificates,
                source: source,
                stripsExecutable: strip
            )
            let image = try project.images.build(recipe)
            let seconds = String(format: "%.1f", Date().timeIntervalSince(started))
            print(
                "built \(image.reference) \(image.manifest.digest) in \(seconds) s: "
                    + "\(ByteCount.text(image.uncompressedSize)) uncompressed, "
                    + "\(ByteCount.text(image.compressedSize)) compressed"
            )
        }
    }
}

/// Sizes as people read them.
enum ByteCount {
    static func text(_ bytes: Int) -> String { String(format: "%.1f MB", Double(bytes) / 1_000_000) }
}
