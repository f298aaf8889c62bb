import Foundation
import Testing
@testable import ToolboxCore

@Suite struct SettingsTests {
    static let project = URL(fileURLWithPath: "/tmp/project")

    @Test func envFilesReadAsTheOriginalWroteThem() throws {
        let values = try EnvFile.parse("""
            # comment
            PROJECT_NAME=demo
            export AWS_DEFAULT_REGION=ap-northeast-1
            KEY_PAIR=          # empty: no bastion
            QUOTED="a # b"
            """)
        #expect(values == ["PROJECT_NAME": "demo", "AWS_DEFAULT_REGION": "ap-northeast-1", "KEY_PAIR": "", "QUOTED": "a # b"])
    }

    @Test func defaultsNeedNoConfiguration() throws {
        let settings = try ToolboxSettings(projectDirectory: Self.project, values: [:])
        #expect(settings.target == .local && settings.steps == [50, 100] && settings.bakeSeconds == 15)
        #expect(settings.publicPort == 8080 && settings.serverTasks == 2 && settings.clientTasks == 1)
    }

    @Test(arguments: [
        ("STEPS", "50,40", "STEPS must be rising percentages ending at 100 (like 10,50,100) or 0 to stage only, got '50,40'"),
        ("STEPS", "50", "STEPS must be rising percentages ending at 100 (like 10,50,100) or 0 to stage only, got '50'"),
        ("SERVER_TASKS", "0", "SERVER_TASKS must be a whole number from 1 to 20, got '0'"),
        ("BAKE", "soon", "BAKE must be a number of seconds from 0 to 86400, got 'soon'"),
        ("TARGET", "gcp", "TARGET must be local or aws, got 'gcp'"),
        ("TASK_NETWORK", "10.0.0", "TASK_NETWORK must be three octets of 127.0.0.0/8 (like 127.0.10), got '10.0.0'"),
        ("ERROR_RATE", "150", "ERROR_RATE must be a percentage from 0 to 100 (like 1 or 0.5), got '150'"),
        ("ERROR_RATE", "low", "ERROR_RATE must be a percentage from 0 to 100 (like 1 or 0.5), got 'low'"),
        ("MIN_REQUESTS", "0", "MIN_REQUESTS must be a whole number from 1 to 1000000, got '0'"),
        ("ON_TASK_LOSS", "ignore", "ON_TASK_LOSS must be rollback or continue, got 'ignore'"),
        ("PROJECT_NAME", "Echo!", "PROJECT_NAME must be 1-31 lowercase letters, digits or '-', starting with a letter and not ending with '-', got 'Echo!'"),
    ])
    func badValuesAreOneLineErrorsNamingTheKey(key: String, value: String, message: String) {
        #expect(throws: ToolboxError.refused(message)) {
            try ToolboxSettings(projectDirectory: Self.project, values: [key: value])
        }
    }

    @Test func gatesDefaultToOnePercentOverTwentyCallsAndRollBackOnTaskLoss() throws {
        let defaults = try ToolboxSettings(projectDirectory: Self.project, values: [:])
        #expect(defaults.maximumErrorRate == 1 && defaults.minimumCalls == 20 && defaults.onTaskLoss == .rollback)
        let set = try ToolboxSettings(projectDirectory: Self.project, values: ["ERROR_RATE": "0.5%", "ON_TASK_LOSS": "continue"])
        #expect(set.maximumErrorRate == 0.5 && set.onTaskLoss == .continue)
    }

    @Test func stagingIsStepsZero() throws {
        #expect(try ToolboxSettings(projectDirectory: Self.project, values: ["STEPS": "0"]).steps == [0])
        #expect(try ToolboxSettings(projectDirectory: Self.project, values: ["STEPS": "10, 50,100"]).steps == [10, 50, 100])
    }
}
