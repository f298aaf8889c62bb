import Foundation
import Testing

/// ALARMS (#15 item 2): CloudWatch alarms watched during every bake. On the local target they are
/// read from the CloudWatch API that AWS_ENDPOINT_URL names (the emulator here); an alarm set to
/// ALARM mid-bake rolls back, and the clients lose nothing.
@Suite(.serialized) struct AlarmGateTests {
    @Test("an alarm set to ALARM mid-bake rolls the local rollout back")
    func alarmMidBakeRollsBack() async throws {
        try await withAWSEmulator { endpoint in
            let cloudWatch = [
                "ALARMS": "demo-errors", "AWS_ENDPOINT_URL": endpoint, "AWS_ACCESS_KEY_ID": "testing",
                "AWS_SECRET_ACCESS_KEY": "testing", "AWS_DEFAULT_REGION": AWSTestSettings.region, "AWS_PROFILE": "",
            ]
            _ = try awsCLI(endpoint, [
                "cloudwatch", "put-metric-alarm", "--alarm-name", "demo-errors", "--metric-name", "Errors",
                "--namespace", "EchoToolbox", "--statistic", "Sum", "--period", "60", "--evaluation-periods", "1",
                "--threshold", "1", "--comparison-operator", "GreaterThanOrEqualToThreshold",
            ])
            let project = try ToolboxProject(version: "0.9", settings: cloudWatch)
            defer { project.cleanUp() }
            #expect(try await project.run("infra", ["up"]).status == 0)
            let load = HTTPLoad(port: project.publicPort, workers: 8)
            try await load.waitForMore(50)

            try project.setVersion("1.0")
            let update = try project.start("deploy", ["update"], ["STEPS": "50,100", "BAKE": "20", "SMOKE": "4"])
            try await project.waitForLine("Baking 20 s at 50%", of: update)
            try await Task.sleep(for: .seconds(1))
            _ = try awsCLI(endpoint, [
                "cloudwatch", "set-alarm-state", "--alarm-name", "demo-errors", "--state-value", "ALARM",
                "--state-reason", "errors above threshold",
            ])
            let raised = Date()
            let result = try await update.finish(timeout: .seconds(60))
            let toRollBack = Date().timeIntervalSince(raised)
            #expect(result.status == 1, "\(result.output)")
            #expect(result.output.contains("alarm demo-errors is in ALARM: errors above threshold"), "\(result.output)")
            #expect(!result.output.contains("Routing 100%"), "\(result.output)")
            #expect(toRollBack < 10, "rolled back \(toRollBack) s after the alarm")
            try await load.waitForMore(50)
            let samples = await load.stop()
            #expect(samples.failures.count == 0, "\(samples.failures.count) failed: \(samples.failures.prefix(3))")
            #expect(project.serverRevisions().map(\.version) == ["0.9"])
            print("alarm rollback: \(samples.count) requests, \(samples.failures.count) failed, rolled back \(String(format: "%.1f", toRollBack)) s after the alarm")
            #expect(try await project.run("infra", ["down"]).status == 0)
        }
    }

    @Test("ALARMS without a CloudWatch to read is refused in one line, changing nothing")
    func alarmsWithoutCloudWatchAreRefused() async throws {
        let project = try ToolboxProject(version: "0.9", settings: ["ALARMS": "demo-errors"])
        defer { project.cleanUp() }
        #expect(try await project.run("infra", ["up"]).status == 0)
        try project.setVersion("1.0")
        let update = try await project.run(
            "deploy", ["update"], ["AWS_ENDPOINT_URL": "", "AWS_ACCESS_KEY_ID": "", "AWS_PROFILE": ""])
        #expect(update.status == 2, "\(update.output)")
        #expect(update.lines == [
            "error: ALARMS needs CloudWatch: set AWS_ENDPOINT_URL or AWS credentials (and AWS_DEFAULT_REGION), or leave ALARMS empty"
        ], "\(update.output)")
        #expect(project.serverRevisions().map(\.version) == ["0.9"] && !project.hasRolloutJournal)
        #expect(try await project.run("infra", ["down"]).status == 0)
    }
}
