import Foundation
import Testing

/// The test route on aws (#15 item 3), read back with the AWS CLI: `make update STEPS=0` leaves
/// a route that sends calls carrying x-canary to the staged revision alone (ALB: a listener rule
/// with an http-header condition; App Mesh: a gRPC route with a metadata match), and promote and
/// rollback remove it.
@Suite("AWS platform: the test route of a staged revision")
struct AWSTestRouteTests {
    /// The listener's rules that match a header, as (header, target group ARN).
    static func headerRules(_ endpoint: String) throws -> [(header: String, targetGroup: String)] {
        let cli = ALBReadBack(endpoint: endpoint)
        let listener = try cli.listener()
        let arn = try #require(listener["ListenerArn"] as? String)
        let rules = (try awsCLI(endpoint, ["elbv2", "describe-rules", "--listener-arn", arn]) as? [String: Any])?["Rules"] as? [[String: Any]] ?? []
        return rules.compactMap { rule in
            let conditions = rule["Conditions"] as? [[String: Any]] ?? []
            guard let header = conditions.compactMap({ ($0["HttpHeaderConfig"] as? [String: Any])?["HttpHeaderName"] as? String }).first,
                let group = (rule["Actions"] as? [[String: Any]])?.first?["TargetGroupArn"] as? String
            else { return nil }
            return (header, group)
        }
    }

    @Test func albListenerRuleDuringAStagedRollout() async throws {
        try await withAWSEmulator { endpoint in
            let project = try awsProject(endpoint: endpoint, extra: AWSALBRouterFlowTests.albSettings)
            defer { project.cleanUp() }
            let agent = try ECSAgentProcess(endpoint: endpoint)
            defer { agent.stop() }
            #expect(try await project.run("infra", ["up"]).status == 0)
            for (version, finish) in [("1.0", "promote"), ("1.1", "rollback")] {
                try project.setVersion(version)
                let staged = try await project.run("deploy", ["update"], ["STEPS": "0"])
                #expect(staged.status == 0, "\(staged.output)")
                let rules = try Self.headerRules(endpoint)
                #expect(rules.count == 1 && rules.first?.header == "x-canary", "\(rules)")
                let staging = try #require(rules.first?.targetGroup)
                #expect(staging.contains("/demo-"), "the staged revision's target group: \(staging)")
                let done = try await project.run("deploy", [finish])
                #expect(done.status == 0, "\(done.output)")
                #expect(try Self.headerRules(endpoint).isEmpty, "\(finish) removes the rule")
            }
            #expect(try await project.run("infra", ["down"]).status == 0)
        }
    }

    @Test func appMeshMetadataRouteDuringAStagedRollout() async throws {
        try await withAWSEmulator { endpoint in
            let project = try awsProject(endpoint: endpoint)
            defer { project.cleanUp() }
            let agent = try ECSAgentProcess(endpoint: endpoint)
            defer { agent.stop() }
            #expect(try await project.run("infra", ["up"]).status == 0)
            try project.setVersion("1.0")
            #expect(try await project.run("deploy", ["update"], ["STEPS": "0"]).status == 0)
            let route = try awsCLI(endpoint, [
                "appmesh", "describe-route", "--mesh-name", "demo-mesh", "--virtual-router-name", "echo_server-router",
                "--route-name", "echo_server-route-test",
            ]) as? [String: Any]
            let spec = (route?["route"] as? [String: Any])?["spec"] as? [String: Any]
            let grpc = spec?["grpcRoute"] as? [String: Any]
            let metadata = (grpc?["match"] as? [String: Any])?["metadata"] as? [[String: Any]]
            #expect(metadata?.first?["name"] as? String == "x-canary", "\(String(describing: route))")
            #expect(spec?["priority"] as? Int == 0)
            // Its one target is the staged revision's node, which the weighted route holds at 0.
            let targets = (grpc?["action"] as? [String: Any])?["weightedTargets"] as? [[String: Any]]
            let main = try awsCLI(endpoint, [
                "appmesh", "describe-route", "--mesh-name", "demo-mesh", "--virtual-router-name", "echo_server-router",
                "--route-name", "echo_server-route",
            ]) as? [String: Any]
            let weighted = ((((main?["route"] as? [String: Any])?["spec"] as? [String: Any])?["grpcRoute"] as? [String: Any])?["action"]
                as? [String: Any])?["weightedTargets"] as? [[String: Any]] ?? []
            let staged = weighted.first { $0["weight"] as? Int == 0 }?["virtualNode"] as? String
            #expect(targets?.count == 1 && staged != nil && targets?.first?["virtualNode"] as? String == staged, "\(String(describing: targets)) \(weighted)")
            #expect(try await project.run("traffic", ["shift", "20"]).status == 0)
            let abort = try await project.run("deploy", ["abort"])
            #expect(abort.status == 0, "\(abort.output)")
            let routes = (try awsCLI(endpoint, [
                "appmesh", "list-routes", "--mesh-name", "demo-mesh", "--virtual-router-name", "echo_server-router",
            ]) as? [String: Any])?["routes"] as? [[String: Any]] ?? []
            #expect(!routes.contains { $0["routeName"] as? String == "echo_server-route-test" }, "abort removes the route")
            #expect(try await project.run("infra", ["down"]).status == 0)
        }
    }
}
