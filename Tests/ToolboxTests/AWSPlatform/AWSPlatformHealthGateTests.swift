import Foundation
import Testing
import Toolbox

/// A revision whose tasks never become healthy gets no traffic: the update fails after
/// HEALTH_TIMEOUT, the new revision is retired and the route still sends everything to the old one.
@Suite("AWS platform: the health gate")
struct AWSPlatformHealthGateTests {
    @Test func unhealthyRevisionNeverGetsTraffic() async throws {
        try await withAWSEmulator { endpoint in
            let project = try awsProject(endpoint: endpoint)
            defer { project.cleanUp() }
            let healthy = try ECSAgentProcess(endpoint: endpoint)
            let up = try await project.run("infra", ["up"])
            #expect(up.status == 0, "\(up.output)")
            // Wait until the first revision's tasks are up, then let new tasks report UNHEALTHY.
            for _ in 0..<100 {
                let status = try await project.run("traffic", ["status", "--json"])
                if status.output.contains("RUNNING") { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            healthy.stop()
            let sick = try ECSAgentProcess(endpoint: endpoint, health: "UNHEALTHY")
            defer { sick.stop() }
            let routeBefore = try route(endpoint)

            try project.setVersion("1.0")
            let update = try await project.run("deploy", ["update"], ["HEALTH_TIMEOUT": "3"], timeout: .seconds(60))
            #expect(update.status == 1, "\(update.output)")
            #expect(update.output.contains("did not become healthy within 3s"), "\(update.output)")
            #expect(update.output.contains("error: rolled back to 0.9-"), "\(update.output)")
            #expect(routeBefore.count == 1 && routeBefore.values.first == 100)
            #expect(try route(endpoint) == routeBefore, "the route is as it was")
            let services = try awsCLI(endpoint, ["ecs", "list-services", "--cluster", "demo"]) as? [String: Any]
            let names = (services?["serviceArns"] as? [String] ?? []).map {
                $0.split(separator: "/").last.map(String.init) ?? $0
            }
            let described =
                try awsCLI(endpoint, ["ecs", "describe-services", "--cluster", "demo", "--services"] + names)
                as? [String: Any]
            let active = (described?["services"] as? [[String: Any]] ?? []).filter {
                $0["status"] as? String == "ACTIVE"
            }
            .compactMap { $0["serviceName"] as? String }
            #expect(!active.contains { $0.hasPrefix("echo_server-1_0-") }, "the sick revision is retired: \(active)")
            let down = try await project.run("infra", ["down"], timeout: .seconds(120))
            #expect(down.status == 0, "\(down.output)")
        }
    }

    /// The route's weights by virtual node, as App Mesh holds them.
    private func route(_ endpoint: String) throws -> [String: Int] {
        let answer = try awsCLI(
            endpoint,
            [
                "appmesh", "describe-route", "--mesh-name", "demo-mesh", "--virtual-router-name", "echo_server-router",
                "--route-name", "echo_server-route", "--query", "route.spec.grpcRoute.action.weightedTargets",
            ]
        )
        let targets = answer as? [[String: Any]] ?? []
        return Dictionary(
            uniqueKeysWithValues: targets.map { ($0["virtualNode"] as? String ?? "", $0["weight"] as? Int ?? -1) }
        )
    }
}
