import Foundation
import Testing

/// The smoke step on aws (#15 item 3): the router is internal to the VPC, so the smoke calls go
/// through the public endpoint with the canary header, which the clients forward to their calls.
/// The emulator has no data plane: the ECS agent stand-in answers as the public endpoint would
/// (public_front.py), routing each request by the listener rules or mesh routes the toolbox wrote.
@Suite("AWS platform: smoke calls through the public endpoint")
struct AWSSmokeTests {
    /// A project whose PUBLIC_URL is the agent's stand-in front, with SMOKE calls.
    static func project(endpoint: String, frontPort: Int, router: [String: String]) throws -> ToolboxProject {
        try awsProject(endpoint: endpoint, extra: router.merging(["PUBLIC_URL": "http://127.0.0.1:\(frontPort)", "SMOKE": "10"]) { $1 })
    }

    @Test func aVersionFailingEveryCallIsStoppedBeforeAnyWeightMoves() async throws {
        try await withAWSEmulator { endpoint in
            let frontPort = try TestRegistry.freeLoopbackPort()
            let project = try Self.project(endpoint: endpoint, frontPort: frontPort, router: AWSALBRouterFlowTests.albSettings)
            defer { project.cleanUp() }
            let agent = try ECSAgentProcess(endpoint: endpoint, frontPort: frontPort)
            defer { agent.stop() }
            #expect(try await project.run("infra", ["up"]).status == 0)

            try project.setVersion("1.0")
            let good = try await project.run("deploy", ["update"], ["STEPS": "100"])
            #expect(good.status == 0, "\(good.output)")
            #expect(good.output.contains("through the public endpoint http://127.0.0.1:\(frontPort) with the header x-canary"), "\(good.output)")
            #expect(good.output.contains("Smoke test passed: 10 of 10 calls answered by version 1.0"), "\(good.output)")

            // Normal traffic (no header) runs through the whole failed rollout.
            let load = HTTPLoad(port: frontPort, workers: 2, maxRequestsPerWorker: 2_000, maxDuration: .seconds(60))
            try await load.waitForMore(10)
            try project.setVersion("1.1")
            let began = Date()
            let failing = try await project.run("deploy", ["update", "--task-env", "ECHO_FAULT_FAIL_RATE=1"], ["STEPS": "50,100"])
            let took = Date().timeIntervalSince(began)
            try await load.waitForMore(10)
            let samples = await load.stop()
            #expect(failing.status == 1, "\(failing.output)")
            #expect(failing.output.contains("failed 10 of 10 smoke calls"), "\(failing.output)")
            #expect(failing.output.contains("HTTP 502 echo server failed"), "\(failing.output)")
            #expect(!failing.output.contains("Routing 50%"), "no weight moved: \(failing.output)")
            #expect(failing.lines.last?.hasPrefix("error: rolled back to 1.0-") == true, "\(failing.output)")
            #expect(samples.failures.count == 0, "\(samples.failures.prefix(3))")
            #expect(samples.versions == ["1.0"], "normal traffic never reached 1.1: \(samples.versions)")
            #expect(try AWSTestRouteTests.headerRules(endpoint).isEmpty, "the rollback removed the test route")
            print("aws smoke: \(samples.count) requests, \(samples.failures.count) failed; update rolled back after \(String(format: "%.1f", took)) s")
            #expect(try await project.run("infra", ["down"]).status == 0)
        }
    }

    @Test func aStagedRevisionAnswersTheHeaderThroughTheMeshWhileOthersStay() async throws {
        try await withAWSEmulator { endpoint in
            let frontPort = try TestRegistry.freeLoopbackPort()
            let project = try Self.project(endpoint: endpoint, frontPort: frontPort, router: [:])
            defer { project.cleanUp() }
            let agent = try ECSAgentProcess(endpoint: endpoint, frontPort: frontPort)
            defer { agent.stop() }
            #expect(try await project.run("infra", ["up"]).status == 0)

            try project.setVersion("1.0")
            let staged = try await project.run("deploy", ["update"], ["STEPS": "0"])
            #expect(staged.status == 0, "\(staged.output)")
            #expect(staged.output.contains("Smoke test passed: 10 of 10 calls answered by version 1.0"), "\(staged.output)")
            #expect(try Self.versionAnswering(frontPort, header: true) == "1.0")
            #expect(try Self.versionAnswering(frontPort, header: false) == "0.9", "the rest stays on the running revision")

            #expect(try await project.run("deploy", ["promote"]).status == 0)
            #expect(try Self.versionAnswering(frontPort, header: false) == "1.0")
            #expect(try await project.run("infra", ["down"]).status == 0)
        }
    }

    @Test func anUnreachablePublicEndpointFailsTheSmokeStepInOneLine() async throws {
        try await withAWSEmulator { endpoint in
            let nobody = try TestRegistry.freeLoopbackPort()
            let project = try Self.project(endpoint: endpoint, frontPort: nobody, router: AWSALBRouterFlowTests.albSettings)
            defer { project.cleanUp() }
            let agent = try ECSAgentProcess(endpoint: endpoint)
            defer { agent.stop() }
            #expect(try await project.run("infra", ["up"]).status == 0)

            try project.setVersion("1.0")
            let update = try await project.run("deploy", ["update"], ["HEALTH_TIMEOUT": "2"])
            #expect(update.status == 1, "\(update.output)")
            #expect(update.output.contains("the public endpoint http://127.0.0.1:\(nobody) did not answer GET /ping within 2"), "\(update.output)")
            #expect(update.output.contains("set PUBLIC_URL to where it answers, or SMOKE=0"), "\(update.output)")
            #expect(update.lines.last?.hasPrefix("error: rolled back to 0.9-") == true, "\(update.output)")
            #expect(try AWSTestRouteTests.headerRules(endpoint).isEmpty)
            #expect(try await project.run("infra", ["down"]).status == 0)
        }
    }

    /// The version named by one GET through the public endpoint, with or without the header.
    static func versionAnswering(_ port: Int, header: Bool) throws -> String? {
        let curl = Process()
        curl.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        curl.arguments = ["-s", "--max-time", "5"] + (header ? ["-H", "x-canary: 1"] : []) + ["http://127.0.0.1:\(port)/?name=try"]
        let output = Pipe()
        curl.standardOutput = output
        try curl.run()
        let body = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        curl.waitUntilExit()
        return body.range(of: "Version ").map { String(body[$0.upperBound...].prefix { $0 != ")" }) }
    }
}
