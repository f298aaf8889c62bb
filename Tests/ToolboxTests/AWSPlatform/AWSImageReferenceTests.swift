import Foundation
import Testing

@testable import ToolboxAWSPlatform
@testable import ToolboxCore

/// On aws each revision's task definition names the image `make image` built, pushed to the
/// registry ECR's login names (the emulator's stand-in here) and named by the digest pushed: the
/// image tagged with the server's version and the commit, even for the client (version 0.1 here)
/// or a revision renamed by VERSION.
@Suite("AWS platform: the image a revision deploys")
struct AWSImageReferenceTests {
    @Test func revisionsNameTheImageThatMakeImageBuiltAndPushed() async throws {
        try await withAWSEmulator(registry: true) { endpoint in
            let project = try awsProject(endpoint: endpoint, extra: AWSTestSettings.pushedImages)
            defer { project.cleanUp() }
            try await project.buildImages()
            let values = ProcessInfo.processInfo.environment.merging(project.environment) { $1 }
            let settings = try ToolboxSettings.load(projectDirectory: project.directory, environment: values)
            let imageTag = try ProjectImages(projectRoot: project.directory).currentTag()
            #expect(imageTag.hasPrefix("0.9-"))

            let client = try await AWSPlatform(settings: settings).revisionSource(for: .echoClient, environment: [:], publish: true)
            #expect(client.tag.hasPrefix("0.1-"))
            let clientDigest = try #require(project.imageDigest("echo-client", tag: imageTag))
            guard case .registryImage(let clientImage) = client.artifact else { Issue.record("\(client.artifact)"); return }
            #expect(clientImage.hasPrefix("127.0.0.1:") && clientImage.hasSuffix("/demo/client@\(clientDigest)"))

            let renamed = try ToolboxSettings.load(
                projectDirectory: project.directory, environment: values.merging(["VERSION": "7.0"]) { $1 })
            let server = try await AWSPlatform(settings: renamed).revisionSource(for: .echoServer, environment: [:], publish: true)
            #expect(server.tag.hasPrefix("7.0-") && server.version == "7.0")
            let serverDigest = try #require(project.imageDigest("echo-server", tag: imageTag))
            guard case .registryImage(let serverImage) = server.artifact else { Issue.record("\(server.artifact)"); return }
            #expect(serverImage.hasSuffix("/demo/server@\(serverDigest)"), "\(serverImage)")
        }
    }

    /// `make push TARGET=aws`: the images go to the original's repositories, <project>/server and
    /// <project>/client, where make update also pushes them.
    @Test func pushToECRUsesTheOriginalsRepositories() async throws {
        try await withAWSEmulator(registry: true) { endpoint in
            let project = try awsProject(endpoint: endpoint, extra: AWSTestSettings.pushedImages)
            defer { project.cleanUp() }
            try await project.buildImages(["echo-server"])
            let environment = ProcessInfo.processInfo.environment.merging(project.environment) { $1 }
            let pushed = try await RunningCommand(
                executable: ToolboxProject.binDirectory.appendingPathComponent("image"),
                arguments: ["push", "--project-root", project.directory.path, "echo-server", "--ecr", "--namespace", "demo"],
                environment: environment
            ).finish(timeout: .seconds(120))
            #expect(pushed.status == 0, "\(pushed.output)")
            #expect(pushed.output.contains("/demo/server:0.9-"), "\(pushed.output)")
            #expect(!pushed.output.contains("demo/echo-server"), "\(pushed.output)")
        }
    }
}
