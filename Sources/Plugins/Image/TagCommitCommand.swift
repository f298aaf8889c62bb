import ArgumentParser
import Foundation
import Toolbox

/// `image tag-commit`: the post-commit hook's work for HEAD. Prints what it did; failures are
/// reported but, as the hook must never get in the commit's way, only exit non-zero.
struct TagCommitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tag-commit",
        abstract: "Tag HEAD's already-built images and its version change (post-commit hook)."
    )

    @OptionGroup var project: ProjectOptions

    func run() async throws {
        try await CommandRunner.run {
            let report = try await project.images.tagHeadCommit(
                credentials: RegistryCredentials.from(environment: ProcessInfo.processInfo.environment),
                transport: CurlTransport()
            )
            for line in report.lines { print("toolbox hook: \(line)") }
            for warning in report.warnings { print("toolbox hook: warning: \(warning)") }
        }
    }
}
