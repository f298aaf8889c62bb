import Foundation
import Testing

@testable import Toolbox

/// On aws each revision's task definition names the ECR image `make image` built and pushed:
/// tagged with the server's version and the commit, even for the client (version 0.1 here) or
/// a revision renamed by VERSION. No AWS call is made: on the emulator the push is skipped.
@Suite("AWS platform: the image a revision deploys")
struct AWSImageReferenceTests {
    @Test func revisionsNameTheImageTagThatMakeImageGives() async throws {
        let project = try awsProject(endpoint: "http://127.0.0.1:9")
        defer { project.cleanUp() }
        let values = ProcessInfo.processInfo.environment.merging(project.environment) { $1 }
        let settings = try ToolboxSettings.load(projectDirectory: project.directory, environment: values)
        let imageTag = try ProjectImages(projectRoot: project.directory).currentTag()
        #expect(imageTag.hasPrefix("0.9-"))
        let registry = "\(AWSTestSettings.account).dkr.ecr.\(AWSTestSettings.region).amazonaws.com/demo"

        let client = try await RevisionSource.forTarget(.echoClient, settings: settings)
        #expect(client.tag.hasPrefix("0.1-"))
        #expect(client.artifact == "\(registry)/echo-client:\(imageTag)")

        let renamed = try ToolboxSettings.load(projectDirectory: project.directory, environment: values.merging(["VERSION": "7.0"]) { $1 })
        let server = try await RevisionSource.forTarget(.echoServer, settings: renamed)
        #expect(server.tag.hasPrefix("7.0-") && server.version == "7.0")
        #expect(server.artifact == "\(registry)/echo-server:\(imageTag)")
    }
}
