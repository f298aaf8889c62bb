import Foundation
import Testing

/// An AWS error that escapes a command ends as every failure does: one line, exit status 1
/// (not the argument parser's default handler).
@Suite("AWS platform: an AWS error is one line and status 1")
struct AWSErrorLineTests {
    @Test func unreachableEndpointIsOneLine() async throws {
        let project = try awsProject(endpoint: "http://127.0.0.1:9")
        defer { project.cleanUp() }
        for (executable, arguments) in [("traffic", ["status"]), ("infra", ["up"])] {
            let result = try await project.run(executable, arguments)
            #expect(result.status == 1, "\(executable): \(result.output)")
            #expect(result.lines.count == 1 && result.output.hasPrefix("error: "), "\(executable): \(result.output)")
            #expect(!result.output.contains("Error: "), "not the argument parser's handler")
        }
    }
}
