import Foundation
import Testing

@testable import ToolboxCore

/// The settings table is the one description of the settings: `.env-sample` is its rendering,
/// each default it shows is the default the toolbox uses, and every key is listed once.
@Suite struct SettingsTableTests {
    static let sampleFile = ImageTestSupport.packageRoot.appendingPathComponent(".env-sample")

    @Test func envSampleIsTheTablesRendering() throws {
        let written = try String(contentsOf: Self.sampleFile, encoding: .utf8)
        let rendered = SettingsTable.sampleText()
        // UPDATE_ENV_SAMPLE=1 swift test --filter SettingsTableTests rewrites it after a change to the table.
        if ProcessInfo.processInfo.environment["UPDATE_ENV_SAMPLE"] == "1", written != rendered {
            try rendered.write(to: Self.sampleFile, atomically: true, encoding: .utf8)
        }
        #expect(written == rendered, ".env-sample and SettingsTable differ; the table renders:\n\(rendered)")
    }

    @Test func everyKeyIsListedOnce() {
        let names = SettingsTable.all.map(\.name)
        #expect(Set(names).count == names.count, "\(names)")
        #expect(SettingsTable.all.allSatisfy { !$0.doc.isEmpty && !$0.doc.contains("\n") })
    }

    @Test func everyKeyInTheSampleIsInTheTable() throws {
        let text = try String(contentsOf: Self.sampleFile, encoding: .utf8)
        let uncommented = text.split(separator: "\n").map { $0.hasPrefix("# ") ? $0.dropFirst(2) : $0 }
        let assigned = uncommented.compactMap { line -> String? in
            guard let equals = line.firstIndex(of: "="), line[..<equals].allSatisfy({ $0.isUppercase || $0 == "_" }) else {
                return nil
            }
            return String(line[..<equals])
        }
        let known = Set(SettingsTable.all.map(\.name))
        #expect(!assigned.isEmpty && assigned.allSatisfy(known.contains), "\(assigned.filter { !known.contains($0) })")
    }

    /// The README's settings table names every key a user sets (the tooling-only ones aside).
    @Test func theReadmeNamesEveryKey() throws {
        let readme = try String(contentsOf: ImageTestSupport.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let section = try #require(readme.components(separatedBy: "## Targets and settings").dropFirst().first)
        let settings = section.components(separatedBy: "\n## ")[0]
        let toolingOnly: Set = ["TOOLBOX_BIN_DIR", "AWS_REGION", "AWS_POLL_INTERVAL"]
        let missing = SettingsTable.all.map(\.name).filter { !toolingOnly.contains($0) && !settings.contains("`\($0)`") }
        #expect(missing.isEmpty, "README.md's settings table lacks \(missing)")
    }

    @Test("A default the sample shows reads as the toolbox's default", arguments: SettingsTable.all.filter { !$0.isExample })
    func sampleValuesAreTheDefaults(_ entry: SettingEntry) {
        #expect(entry.sampleReadsAsDefault(), "\(entry.name)=\(entry.sample)")
    }

    @Test func theSampleCopiedToDotEnvIsAValidAWSConfiguration() throws {
        let values = try EnvFile.parse(SettingsTable.sampleText())
        let settings = try ToolboxSettings(projectDirectory: URL(fileURLWithPath: "/tmp/project"), values: values)
        #expect(settings.target == .local && settings.steps == [50, 100] && settings.localArtifact == .image)
        let aws = try settings.awsSettings()
        #expect(aws.region == "ap-northeast-1" && aws.trafficRouter == .alb && aws.keyPair == nil)
    }

    @Test func commandValuesAreTyped() throws {
        let settings = try ToolboxSettings(
            projectDirectory: URL(fileURLWithPath: "/tmp/project"),
            values: ["PLAN": "1", "TASK_ENV": "A=1 B=2", "VERSION": "1.0", "AWS_POLL_INTERVAL": "0.1"]
        )
        #expect(settings.planOnly && settings.versionOverride == "1.0")
        #expect(settings.taskEnvironment == ["A": "1", "B": "2"])
        #expect(try ToolboxSettings(projectDirectory: URL(fileURLWithPath: "/tmp/project"), values: [:]).planOnly == false)
    }

    @Test(arguments: [
        ("PLAN", "yes", "PLAN must be 1 or 0, got 'yes'"),
        ("TASK_ENV", "=1", "task environment must be KEY=VALUE, got '=1'"),
        ("TOOLBOX_DIR", "", nil),
    ])
    func badCommandValuesAreOneLineErrors(key: String, value: String, message: String?) {
        let read = { () throws(ToolboxError) -> ToolboxSettings in
            try ToolboxSettings(projectDirectory: URL(fileURLWithPath: "/tmp/project"), values: [key: value])
        }
        if let message {
            #expect(throws: ToolboxError.refused(message)) { try read() }
        } else {
            #expect(throws: Never.self) { try read() }
        }
    }
}
