import Foundation
import Testing
import Toolbox

/// The walkthrough on TARGET=aws with TRAFFIC_ROUTER=alb against the emulator, through the
/// plugin executables, with the ECS agent stand-in and the images pushed to the ECR stand-in;
/// what the toolbox wrote is read back with the AWS CLI, and no App Mesh call is made.
@Suite("AWS platform with the ALB router: build-infra, update, shift, status, destroy-infra")
struct AWSALBRouterFlowTests {
    static let albSettings = ["TRAFFIC_ROUTER": "alb", "ENVOY_IMAGE": ""]

    @Test func walkthroughFromNothingToNothing() async throws {
        try await withAWSEmulator(registry: true) { endpoint, contract in
            let project = try awsProject(endpoint: endpoint, extra: Self.albSettings.merging(AWSTestSettings.pushedImages) { $1 })
            defer { project.cleanUp() }
            let agent = try ECSAgentProcess(endpoint: endpoint)
            defer { agent.stop() }
            try await project.buildImages()
            let cli = ALBReadBack(endpoint: endpoint)

            let plan = try await project.run("infra", ["up", "--dry-run"])
            #expect(plan.status == 0, "\(plan.output)")
            #expect(plan.output.contains("+ create internal load balancer demo-grpc"), "\(plan.output)")
            #expect(plan.output.contains("+ create certificate for echo_server.demo.local in ACM"))
            #expect(!plan.output.contains("App Mesh") && !plan.output.contains("virtual node"), "\(plan.output)")

            let first = try await project.run("infra", ["up"])
            #expect(first.status == 0, "\(first.output)")
            #expect(first.lines.contains("echo_server.demo.local:443"), "\(first.output)")
            let second = try await project.run("infra", ["up"])
            #expect(second.status == 0 && second.output.contains("Everything is already up; nothing changed."), "\(second.output)")

            // The router as built: internal, private subnets, HTTPS with the imported certificate.
            let balancer = try cli.loadBalancer()
            #expect(balancer["Scheme"] as? String == "internal")
            let subnets = Set((balancer["AvailabilityZones"] as? [[String: Any]] ?? []).compactMap { $0["SubnetId"] as? String })
            #expect(subnets == Set(try cli.subnetIDs(named: ["demo-private-1", "demo-private-2"])), "\(subnets)")
            let listener = try cli.listener()
            #expect(listener["Protocol"] as? String == "HTTPS" && listener["Port"] as? Int == 443)
            let certificate = try #require((listener["Certificates"] as? [[String: Any]])?.first?["CertificateArn"] as? String)
            #expect(try cli.forwardWeights().values.sorted() == [100])
            let group = try #require(try cli.targetGroups().first)
            #expect(group["ProtocolVersion"] as? String == "GRPC" && group["TargetType"] as? String == "ip")
            #expect(group["HealthCheckPath"] as? String == "/grpc.health.v1.Health/Check")
            #expect((group["Matcher"] as? [String: Any])?["GrpcCode"] as? String == "0")
            #expect(try cli.deregistrationDelay(of: group["TargetGroupArn"] as? String ?? "") == "6", "2/3 of DRAIN_TIMEOUT=10")
            #expect(try cli.meshes().isEmpty, "no App Mesh resources with alb")

            // Only the clients reach the router; only the router reaches the servers.
            let groups = try cli.securityGroups()
            #expect(groups["demo-grpc-alb"]?.ports == [443] && groups["demo-grpc-alb"]?.sources == [groups["demo-clients"]?.id ?? "?"])
            #expect(groups["demo-grpc-targets"]?.ports == [50051] && groups["demo-grpc-targets"]?.sources == [groups["demo-grpc-alb"]?.id ?? "?"])

            // The name the clients call is an alias record to the ALB.
            #expect(try cli.aliasTarget() == balancer["DNSName"] as? String)

            // The certificate: the one the toolbox kept, and the clients trust its CA.
            let stored = try cli.certificate(certificate)
            let kept = try String(contentsOf: project.directory.appendingPathComponent(".toolbox/tls/server.pem"), encoding: .utf8)
            #expect(stored.certificate.filter { !$0.isNewline } == kept.filter { !$0.isNewline })
            let ca = try String(contentsOf: project.directory.appendingPathComponent(".toolbox/tls/ca.pem"), encoding: .utf8)
            let client = try cli.taskDefinition(family: "demo-echo-client")
            #expect(client.containers == ["echo_client"] && !client.hasProxyConfiguration)
            #expect(client.environment["ECHO_SERVER_CA_PEM"] == ca, "the client task carries the CA bundle")
            #expect(client.environment["ECHO_HOST"] == "echo_server.demo.local:443")
            #expect(client.environment["ECHO_SERVER_NAME"] == "echo-server.demo.local")
            let server = try cli.taskDefinition(family: "demo-echo-server")
            #expect(server.containers == ["echo_server"] && !server.hasProxyConfiguration, "no Envoy, no App Mesh proxy")
            #expect(!server.environment.keys.contains { $0.hasPrefix("APPMESH") })

            try project.setVersion("1.0")
            try await project.buildImages()
            let update = try await project.run("deploy", ["update"], ["STEPS": "50,100"], timeout: .seconds(120))
            #expect(update.status == 0, "\(update.output)")
            #expect(update.output.contains("Tasks are starting") || update.output.contains("Tasks started"))
            #expect(update.output.contains("Version 0.9 is retired"), "\(update.output)")
            let afterUpdate = try cli.forwardWeights()
            #expect(afterUpdate.count == 1 && afterUpdate.values.first == 100, "\(afterUpdate)")
            #expect(afterUpdate.keys.first?.hasPrefix("demo-1-0-") == true, "\(afterUpdate)")
            #expect(try cli.targetGroups().count == 1, "the old revision's target group is deleted")

            try project.setVersion("1.1")
            try await project.buildImages()
            let staged = try await project.run("deploy", ["update"], ["STEPS": "0"], timeout: .seconds(120))
            #expect(staged.status == 0, "\(staged.output)")
            let shift = try await project.run("traffic", ["shift", "50"])
            #expect(shift.status == 0, "\(shift.output)")
            let split = try cli.forwardWeights()
            #expect(split.count == 2 && split.values.allSatisfy { $0 == 50 }, "the listener forwards 50/50: \(split)")

            let status = try await project.run("traffic", ["status"])
            #expect(status.status == 0, "\(status.output)")
            #expect(status.lines.filter { $0.contains("UP (RUNNING, HEALTHY in target group)") }.count == 4, "\(status.output)")
            #expect(status.lines.filter { $0.contains(" 50% ") || $0.hasSuffix("50%") || $0.contains("50%  ") }.count == 2, "\(status.output)")

            // The router cannot be switched under a built project; nothing changes.
            let switched = try await project.run("infra", ["up"], ["TRAFFIC_ROUTER": "appmesh", "ENVOY_IMAGE": "repo/envoy:v1"])
            #expect(switched.status == 2 && switched.lines.filter { $0.hasPrefix("error:") }.count == 1, "\(switched.output)")
            #expect(switched.output.contains("TRAFFIC_ROUTER=alb"), "\(switched.output)")
            #expect(try cli.meshes().isEmpty)
            #expect(try cli.forwardWeights() == split)

            let promote = try await project.run("deploy", ["promote"], timeout: .seconds(60))
            #expect(promote.status == 0, "\(promote.output)")
            let promoted = try cli.forwardWeights()
            #expect(promoted.count == 1 && promoted.keys.first?.hasPrefix("demo-1-1-") == true && promoted.values.first == 100)

            let destroy = try await project.run("infra", ["down"], timeout: .seconds(120))
            #expect(destroy.status == 0, "\(destroy.output)")
            try cli.expectNothingTagged()
            let meshCalls = contract.entries.filter { $0.service == "appmesh" && $0.client == "echo-toolbox" }.map(\.operation)
            #expect(meshCalls.isEmpty, "no App Mesh call with TRAFFIC_ROUTER=alb: \(meshCalls)")
            #expect(contract.entries.contains { $0.service == "ecr" && $0.operation == "GetAuthorizationToken" })
        }
    }

    /// An App Mesh project is not switched to the ALB either, and finding that out asks App Mesh
    /// nothing: the cluster says which router the project was built with.
    @Test func switchingAnAppMeshProjectToALBIsRefused() async throws {
        try await withAWSEmulator { endpoint, contract in
            let project = try awsProject(endpoint: endpoint)
            defer { project.cleanUp() }
            let client = AWSTestSettings.client(endpoint)
            _ = try await ECS(client: client).createCluster(
                .init(clusterName: "demo", tags: [.init(key: "toolbox-project", value: "demo"), .init(key: "toolbox-router", value: "appmesh")]))
            let refused = try await project.run("infra", ["up"], Self.albSettings)
            #expect(!contract.entries.contains { $0.service == "appmesh" && $0.client == "echo-toolbox" }, "no App Mesh call with TRAFFIC_ROUTER=alb")
            #expect(contract.entries.contains { $0.client == "echo-toolbox" }, "the toolbox's calls are told apart")
            #expect(refused.status == 2 && refused.lines.filter { $0.hasPrefix("error:") }.count == 1, "\(refused.output)")
            #expect(refused.output.contains("was built with TRAFFIC_ROUTER=appmesh"), "\(refused.output)")
            #expect(try ALBReadBack(endpoint: endpoint).loadBalancers().isEmpty, "nothing of the ALB router was made")
        }
    }
}
