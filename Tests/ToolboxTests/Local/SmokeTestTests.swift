import Foundation
import Testing

/// The smoke step (#15): before any weight moves, SMOKE calls reach the new revision alone
/// through the router's test route; a revision that is healthy but fails its calls is rolled
/// back having never had any share of the normal traffic, which loses nothing meanwhile.
@Suite(.serialized) struct SmokeTestTests {
    @Test("a healthy revision that fails every call is stopped by the smoke step at 0%")
    func failingRevisionNeverGetsTraffic() async throws {
        let project = try ToolboxProject(version: "0.9")
        defer { project.cleanUp() }
        #expect(try await project.run("infra", ["up"]).status == 0)
        let load = HTTPLoad(port: project.publicPort, workers: 8)
        try await load.waitForMore(100)

        try project.setVersion("1.0")
        let began = Date()
        let update = try await project.run("deploy", ["update", "--task-env", "ECHO_FAULT_FAIL_RATE=1"], ["SMOKE": "10"])
        let took = Date().timeIntervalSince(began)
        #expect(update.status == 1, "\(update.output)")
        #expect(update.output.contains("failed 5 of 10 smoke calls"), "\(update.output)")
        #expect(!update.output.contains("Routing 50%"), "no weight ever moved: \(update.output)")
        #expect(update.lines.last?.hasPrefix("error: rolled back to 0.9-") == true, "\(update.output)")
        try await load.waitForMore(100)
        let samples = await load.stop()
        #expect(samples.failures.count == 0, "\(samples.failures.count) failed: \(samples.failures.prefix(3))")
        #expect(samples.versions == ["0.9"], "the failing revision answered normal traffic")
        #expect(project.serverRevisions().map(\.version) == ["0.9"])
        print("smoke rollback: \(samples.count) requests, \(samples.failures.count) failed, update took \(String(format: "%.1f", took)) s")

        // A good revision passes the smoke step and rolls out.
        try project.setVersion("1.1")
        let good = try await project.run("deploy", ["update"], ["SMOKE": "10", "BAKE": "0"])
        #expect(good.status == 0, "\(good.output)")
        #expect(good.output.contains("Smoke test passed: 10 of 10 calls answered by version 1.1"), "\(good.output)")
        #expect(try await project.run("infra", ["down"]).status == 0)
    }
}
