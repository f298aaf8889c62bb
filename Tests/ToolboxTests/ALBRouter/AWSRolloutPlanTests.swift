import Foundation
import Testing

/// PLAN=1 on every rollout verb against the emulator (#16 item 3): each prints its plan (the
/// AWS calls by name among it), exits 0, and the toolbox makes only read-only AWS calls
/// meanwhile; the listener's weights read back with the AWS CLI are the same before and after.
@Suite("AWS platform: PLAN=1 on every rollout verb changes nothing")
struct AWSRolloutPlanTests {
    static let readOnly = ["Describe", "List", "Get"]

    @Test func plansMakeOnlyReadOnlyCalls() async throws {
        try await withAWSEmulator { endpoint, contract in
            let project = try awsProject(endpoint: endpoint, extra: AWSALBRouterFlowTests.albSettings)
            defer { project.cleanUp() }
            let agent = try ECSAgentProcess(endpoint: endpoint)
            defer { agent.stop() }
            #expect(try await project.run("infra", ["up"]).status == 0)
            try project.setVersion("1.0")
            let staged = try await project.run("deploy", ["update"], ["STEPS": "0"])
            #expect(staged.status == 0, "\(staged.output)")
            let cli = ALBReadBack(endpoint: endpoint)
            let before = try cli.forwardWeights()

            let toolboxCallsBefore = contract.entries.filter { $0.client == "echo-toolbox" }.count
            let plans: [(String, [String])] = [
                ("deploy", ["update"]), ("traffic", ["shift", "40"]), ("deploy", ["promote"]),
                ("deploy", ["rollback"]), ("deploy", ["abort"]), ("deploy", ["retire"]),
            ]
            for (executable, arguments) in plans {
                let plan = try await project.run(executable, arguments, ["PLAN": "1"])
                #expect(plan.status == 0 && plan.lines.first == "Plan (nothing is changed):", "\(arguments): \(plan.output)")
            }
            let shift = try await project.run("traffic", ["shift", "40", "--dry-run"])
            #expect(shift.output.contains("call: elasticloadbalancing ModifyListener"), "\(shift.output)")
            let rollback = try await project.run("deploy", ["rollback", "--dry-run"])
            #expect(rollback.output.contains("call: ecs DeleteTaskSet"), "\(rollback.output)")

            let planCalls = contract.entries.filter { $0.client == "echo-toolbox" }.dropFirst(toolboxCallsBefore)
            let writes = planCalls.filter { call in !Self.readOnly.contains(where: call.operation.hasPrefix) }.map(\.operation)
            #expect(!planCalls.isEmpty && writes.isEmpty, "plans called \(writes)")
            #expect(try cli.forwardWeights() == before)
            #expect(try await project.run("infra", ["down"]).status == 0)
        }
    }
}
