import ArgumentParser
import Foundation
import ToolboxCore
import ToolboxLocal
import ToolboxAWSPlatform

/// The options every executable shares (infra, deploy, traffic, image), turned into one
/// context: settings and platform, or the project's images.
public struct ProjectOptions: ParsableArguments {
    @Option(
        name: [.customLong("project-dir"), .customLong("project-root")],
        help: "The project folder (a git working tree), holding .env and the .toolbox/ state."
    )
    public var projectDir: String = "."

    @Option(help: "Read settings from this file instead of <project>/.env.")
    public var envFile: String?

    @Option(help: "The image store (OCI layouts) the image verbs use; default <project>/.toolbox/images.")
    public var store: String?

    public init() {}

    public var projectDirectory: URL { URL(fileURLWithPath: projectDir).standardizedFileURL }

    public func settings() throws(ToolboxError) -> ToolboxSettings {
        try ToolboxSettings.load(projectDirectory: projectDirectory, envFile: envFile.map { URL(fileURLWithPath: $0) })
    }

    /// The project's images: build, push, unpack, re-tag after a commit.
    public var images: ProjectImages {
        ProjectImages(projectRoot: projectDirectory, store: store.map { ImageStore(root: URL(fileURLWithPath: $0)) })
    }

    /// The platform TARGET selects.
    public func platform(_ settings: ToolboxSettings) throws(ToolboxError) -> any Platform {
        switch settings.target {
        case .local:
            return LocalPlatform(settings: settings)
        case .aws:
            return try AWSPlatform(settings: settings)
        }
    }

    /// Runs a command that changes the deployment: settings read, platform chosen, project
    /// lock held for the whole of `body`, one-line errors and a meaningful exit status.
    public func changingDeployment(_ body: (ToolboxSettings, any Platform) async throws -> Void) async throws {
        try await CommandRunner.run {
            let settings = try self.settings()
            let platform = try self.platform(settings)
            let lock = try self.lock(settings)
            defer { lock.release() }
            try await body(settings, platform)
        }
    }

    /// Takes the project lock for a command that changes the deployment.
    public func lock(_ settings: ToolboxSettings, wait: Double? = nil) throws(ToolboxError) -> ProjectLock {
        let command = ([URL(fileURLWithPath: CommandLine.arguments[0]).lastPathComponent] + CommandLine.arguments.dropFirst()).joined(separator: " ")
        let wait = wait ?? settings.lockWaitSeconds
        return try ProjectLock.acquire(in: settings.stateDirectory, command: command, timeout: wait)
    }
}
