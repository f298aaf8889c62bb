import Foundation
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

@testable import ToolboxLocal

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

    @Test("STEPS=0 leaves the test route: calls with x-canary reach the staged revision, others stay; promote removes it")
    func stagedRevisionIsReachedThroughTheCanaryHeader() async throws {
        let project = try ToolboxProject(version: "0.9")
        defer { project.cleanUp() }
        #expect(try await project.run("infra", ["up"]).status == 0)
        try project.setVersion("1.0")
        let staged = try await project.run("deploy", ["update"], ["STEPS": "0", "SMOKE": "4"])
        #expect(staged.status == 0, "\(staged.output)")
        #expect(staged.output.contains("Calls with the header x-canary reach 1.0-"), "\(staged.output)")

        let url = URL(string: "http://127.0.0.1:\(project.publicPort)/?name=canary")!
        var canary = URLRequest(url: url)
        canary.setValue("1", forHTTPHeaderField: "x-canary")
        for _ in 0..<6 {
            let (withHeader, _) = try await URLSession.shared.data(for: canary)
            #expect(String(decoding: withHeader, as: UTF8.self).contains("Version 1.0"))
            let (without, _) = try await URLSession.shared.data(from: url)
            #expect(String(decoding: without, as: UTF8.self).contains("Version 0.9"))
        }
        #expect(try await project.run("deploy", ["promote"]).status == 0)
        let socket = project.directory.appendingPathComponent(".toolbox/local/haproxy.sock").path
        #expect(try HAProxyRuntime(socketPath: socket).servers(of: "echo_server_test").isEmpty, "promote removes the test route")
        #expect(try await project.run("infra", ["down"]).status == 0)
    }
}
