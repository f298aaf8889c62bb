import Foundation
import Testing

/// The AWS shapes the client encodes and decodes are generated from botocore's service models
/// (scripts/generate-aws-shapes.py, scripts/aws-shapes/*.json): the committed files are what the
/// generator writes now, so a hand edit, or a member AWS's model does not have, fails here.
@Suite struct AWSShapesGenerationTests {
    @Test func committedShapesAreWhatTheModelsGenerate() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", TestPaths.script("generate-aws-shapes.py"), "--check"]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(message)")
    }
}
