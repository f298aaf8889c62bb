import Foundation
import Testing

/// The error-rate gate on aws (#15 item 1): each revision's calls by outcome come from CloudWatch
/// (GetMetricData over the metrics its tasks report; the ECS agent stand-in publishes what their
/// embedded-metric-format lines would become), and a revision failing above ERROR_RATE is rolled
/// back as on the local target.
@Suite("AWS platform: the error-rate gate reads CloudWatch")
struct AWSMetricsGateTests {
    @Test func aRevisionFailingHalfItsCallsIsRolledBack() async throws {
        try await withAWSEmulator { endpoint in
            let project = try awsProject(endpoint: endpoint, extra: AWSALBRouterFlowTests.albSettings)
            defer { project.cleanUp() }
            let agent = try ECSAgentProcess(endpoint: endpoint)
            defer { agent.stop() }
            #expect(try await project.run("infra", ["up"]).status == 0)

            try project.setVersion("1.0")
            let began = Date()
            let failing = try await project.run(
                "deploy", ["update", "--task-env", "ECHO_FAULT_FAIL_RATE=0.5"], ["STEPS": "50,100", "BAKE": "6"])
            let took = Date().timeIntervalSince(began)
            #expect(failing.status == 1, "\(failing.output)")
            #expect(failing.output.contains("above ERROR_RATE=1%"), "\(failing.output)")
            #expect(failing.lines.last?.hasPrefix("error: rolled back to 0.9-") == true, "\(failing.output)")
            #expect(!failing.output.contains("Routing 100%"), "\(failing.output)")
            print("aws metrics gate: rolled back after \(String(format: "%.1f", took)) s: \(failing.lines.last ?? "")")

            try project.setVersion("1.1")
            let good = try await project.run("deploy", ["update"], ["STEPS": "50,100", "BAKE": "3"])
            #expect(good.status == 0, "\(good.output)")
            #expect(good.output.contains("calls, 0 failed (0%, ERROR_RATE=1%)"), "\(good.output)")
            #expect(!good.output.contains("judged on its tasks' health alone"), "\(good.output)")
            #expect(try await project.run("infra", ["down"]).status == 0)
        }
    }
}
