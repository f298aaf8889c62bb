import Foundation
import Testing

/// The real Makefile, run by real make with values a careless user or an attacker might type:
/// they must reach the executables as data (and be refused there), never run as shell text.
@Suite(.serialized) struct MakeUserValueTests {
    static let packageRoot = ImageTestSupport.packageRoot

    /// Runs `make` in the package with the debug executables standing in for the release ones.
    static func make(_ arguments: [String], scratch: URL) throws -> ImageTestSupport.ToolResult {
        var environment = ProcessInfo.processInfo.environment
        // The plugins keep their lock and state here, not in the package.
        environment["TOOLBOX_DIR"] = scratch.appendingPathComponent("state").path
        let bin = ToolboxProject.binDirectory.path
        return try ImageTestSupport.run(
            "make",
            ["-s", "-C", packageRoot.path, "RELEASE_BIN=\(bin)", "IMAGE_BIN=\(bin)"] + arguments,
            environment: environment,
            expectSuccess: false
        )
    }

    @Test("make shift PERCENT with shell text runs none of it; traffic refuses the value with exit 2", arguments: [
        "1'; touch MARKER; echo '",
        "1\"; touch MARKER; echo \"",
        "$(shell touch MARKER)",
        "50 `touch MARKER`",
    ])
    func shiftPercentIsData(_ template: String) throws {
        let scratch = try ImageTestSupport.makeScratch("make-shift")
        defer { ImageTestSupport.removeScratch(scratch) }
        let marker = scratch.appendingPathComponent("ran")
        let result = try Self.make(["shift", "PERCENT=" + template.replacingOccurrences(of: "MARKER", with: marker.path)], scratch: scratch)
        #expect(!FileManager.default.fileExists(atPath: marker.path), "\(result.output)\(result.error)")
        #expect(result.status == 2)
        #expect(result.error.contains("error: PERCENT must be a whole number from 0 to 100"), "\(result.error)")
    }

    @Test("make push REGISTRY and PROJECT_NAME with shell text run none of it; image push refuses them", arguments: [
        ["REGISTRY=x\"; touch MARKER; echo \""],
        ["REGISTRY=x'; touch MARKER; echo '"],
        ["TARGET=aws", "PROJECT_NAME=x\"; touch MARKER; echo \""],
    ])
    func pushValuesAreData(_ assignments: [String]) throws {
        let scratch = try ImageTestSupport.makeScratch("make-push")
        defer { ImageTestSupport.removeScratch(scratch) }
        let marker = scratch.appendingPathComponent("ran")
        let values = assignments.map { $0.replacingOccurrences(of: "MARKER", with: marker.path) }
        // -o image: the images are not rebuilt (that is a release build); only push's recipe runs.
        let result = try Self.make(["-o", "image", "push"] + values, scratch: scratch)
        #expect(!FileManager.default.fileExists(atPath: marker.path), "\(result.output)\(result.error)")
        #expect(result.status == 2)
        #expect(result.error.contains("error: REGISTRY must be") || result.error.contains("error: the ECR namespace"), "\(result.error)")
    }
}
