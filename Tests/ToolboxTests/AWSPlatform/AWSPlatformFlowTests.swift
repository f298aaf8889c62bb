import Foundation
import Testing
import Toolbox

/// The walkthrough on TARGET=aws against the emulator, through the plugin executables, with the
/// ECS agent stand-in and the images pushed to the ECR stand-in; what the toolbox wrote is read back with the AWS CLI.
@Suite("AWS platform: build-infra, update, shift, status, destroy-infra against the emulator")
struct AWSPlatformFlowTests {
    @Test func walkthroughFromNothingToNothing() async throws {
        try await withAWSEmulator(registry: true) { endpoint in
            let project = try awsProject(endpoint: endpoint, extra: AWSTestSettings.pushedImages)
            defer { project.cleanUp() }
            let agent = try ECSAgentProcess(endpoint: endpoint)
            defer { agent.stop() }
            try await project.buildImages()

            let plan = try await project.run("infra", ["up", "--dry-run"], ["TOOLBOX_DEBUG": "1"])
            #expect(plan.status == 0, "\(plan.output)")
            #expect(plan.output.contains("+ create VPC demo-vpc"))
            #expect(plan.output.contains("+ create App Mesh mesh demo-mesh"))
            let operations = plan.lines.filter { $0.hasPrefix("aws ") }.map { String($0.split(separator: " ")[2]) }
            #expect(!operations.isEmpty)
            let readOnly = operations.allSatisfy { operation in
                ["Describe", "List", "Get"].contains { operation.hasPrefix($0) }
            }
            #expect(readOnly, "a plan only reads: \(operations)")
            #expect(try vpcs(endpoint).isEmpty, "a plan creates nothing")
            let planByMake = try await project.run("infra", ["up"], ["PLAN": "1"])
            #expect(planByMake.output == plan.lines.filter { !$0.hasPrefix("aws ") }.joined(separator: "\n"))

            let first = try await project.run("infra", ["up"])
            #expect(first.status == 0, "\(first.output)")
            #expect(first.lines.contains("Public endpoint:"))
            #expect(!first.output.contains("Bastion endpoint:"), "no KEY_PAIR, no bastion")
            let second = try await project.run("infra", ["up"])
            #expect(second.status == 0, "\(second.output)")
            #expect(second.output.contains("Everything is already up; nothing changed."))
            #expect(!second.output.contains("Created "))
            #expect(try vpcs(endpoint).count == 1)
            #expect(try natGateways(endpoint).count == 2)
            #expect(try weights(endpoint).count == 1)

            try project.setVersion("1.0")
            try await project.buildImages()
            let update = try await project.run("deploy", ["update"], ["STEPS": "50,100"], timeout: .seconds(120))
            #expect(update.status == 0, "\(update.output)")
            #expect(update.output.contains("Tasks started"))
            #expect(update.output.contains("Routing 100% of traffic to the new service"))
            #expect(update.output.contains("Version 0.9 is retired"))
            let afterUpdate = try weights(endpoint)
            #expect(afterUpdate.count == 1 && afterUpdate.values.first == 100)
            #expect(afterUpdate.keys.first?.hasPrefix("echo_server-1_0-") == true)
            #expect(try serverServiceNames(endpoint).count == 1, "the old revision's service is deleted")
            #expect(try activeServerTaskDefinitions(endpoint).count == 1, "the old task definition is deregistered")
            try expectTaskDefinition(endpoint, of: try #require(afterUpdate.keys.first), version: "1.0")
            let nodes =
                try awsCLI(endpoint, ["appmesh", "list-virtual-nodes", "--mesh-name", "demo-mesh"]) as? [String: Any]
            let nodeNames = (nodes?["virtualNodes"] as? [[String: Any]] ?? []).compactMap {
                $0["virtualNodeName"] as? String
            }
            #expect(
                !nodeNames.contains { $0.hasPrefix("echo_server-0_9-") },
                "the old virtual node is deleted: \(nodeNames)"
            )

            try project.setVersion("1.1")
            try await project.buildImages()
            let staged = try await project.run("deploy", ["update"], ["STEPS": "0"], timeout: .seconds(120))
            #expect(staged.status == 0, "\(staged.output)")
            let shift = try await project.run("traffic", ["shift", "50"])
            #expect(shift.status == 0, "\(shift.output)")
            let split = try weights(endpoint)
            #expect(split.count == 2 && split.values.allSatisfy { $0 == 50 }, "\(split)")
            #expect(try serverServiceNames(endpoint).count == 2)
            let refused = try await project.run("traffic", ["shift", "101"])
            #expect(refused.status == 2 && refused.output.contains("PERCENT"))
            #expect(try weights(endpoint) == split, "a refused shift changes nothing")

            // As the rollout's gates read it: a task is UP when ECS runs it and Cloud Map has it HEALTHY.
            let text = try await project.run("traffic", ["status"])
            #expect(text.status == 0, "\(text.output)")
            #expect(
                text.lines.filter { $0.contains("UP (RUNNING, HEALTHY in Cloud Map)") }.count == 4,
                "\(text.output)"
            )
            let status = try await project.run("traffic", ["status", "--json"])
            #expect(status.status == 0, "\(status.output)")
            let report = try JSONSerialization.jsonObject(with: Data(status.output.utf8)) as? [String: Any]
            let deployment = report?["deployment"] as? [String: Any]
            let server = deployment?["server"] as? [String: Any]
            let revisions = server?["revisions"] as? [[String: Any]] ?? []
            #expect(revisions.compactMap { $0["version"] as? String } == ["1.0", "1.1"])
            #expect(revisions.allSatisfy { ($0["tasks"] as? [Any])?.count == 2 })
            let clientTasks = ((deployment?["client"] as? [String: Any])?["revisions"] as? [[String: Any]])?.first?[
                "tasks"
            ]
            #expect((clientTasks as? [Any])?.count == 1, "CLIENT_TASKS defaults to 1")

            let promote = try await project.run("deploy", ["promote"], timeout: .seconds(60))
            #expect(promote.status == 0, "\(promote.output)")
            let promoted = try weights(endpoint)
            #expect(promoted.count == 1 && promoted.keys.first?.hasPrefix("echo_server-1_1-") == true, "\(promoted)")
            #expect(promoted.values.first == 100)
            #expect(try serverServiceNames(endpoint).count == 1, "1.0 is retired")

            let destroy = try await project.run("infra", ["down"], timeout: .seconds(120))
            #expect(destroy.status == 0, "\(destroy.output)")
            let again = try await project.run("infra", ["down"])
            #expect(again.status == 0 && again.output.contains("Nothing to destroy."), "\(again.output)")
            try expectNothingTagged(endpoint)
        }
    }

    // MARK: Reading back with the AWS CLI

    private func vpcs(_ endpoint: String) throws -> [Any] {
        let answer =
            try awsCLI(endpoint, ["ec2", "describe-vpcs", "--filters", "Name=tag:toolbox-project,Values=demo"])
            as? [String: Any]
        return answer?["Vpcs"] as? [Any] ?? []
    }

    private func natGateways(_ endpoint: String) throws -> [[String: Any]] {
        let answer = try awsCLI(endpoint, ["ec2", "describe-nat-gateways"]) as? [String: Any]
        return (answer?["NatGateways"] as? [[String: Any]] ?? []).filter { ($0["State"] as? String) != "deleted" }
    }

    /// The route's weighted targets, by virtual node, as App Mesh holds them.
    private func weights(_ endpoint: String) throws -> [String: Int] {
        let answer =
            try awsCLI(
                endpoint,
                [
                    "appmesh", "describe-route", "--mesh-name", "demo-mesh", "--virtual-router-name",
                    "echo_server-router",
                    "--route-name", "echo_server-route",
                ]
            ) as? [String: Any]
        let spec = (answer?["route"] as? [String: Any])?["spec"] as? [String: Any]
        let action = (spec?["grpcRoute"] as? [String: Any])?["action"] as? [String: Any]
        let targets = action?["weightedTargets"] as? [[String: Any]] ?? []
        return Dictionary(
            uniqueKeysWithValues: targets.map { ($0["virtualNode"] as? String ?? "", $0["weight"] as? Int ?? -1) }
        )
    }

    private func serverServiceNames(_ endpoint: String) throws -> [String] {
        let list = try awsCLI(endpoint, ["ecs", "list-services", "--cluster", "demo"]) as? [String: Any]
        let arns = list?["serviceArns"] as? [String] ?? []
        let described =
            try awsCLI(endpoint, ["ecs", "describe-services", "--cluster", "demo", "--services"] + arns)
            as? [String: Any]
        let services = described?["services"] as? [[String: Any]] ?? []
        for service in services
        where (service["serviceName"] as? String)?.hasPrefix("echo_server") == true
            && service["status"] as? String == "ACTIVE"
        {
            #expect((service["deploymentController"] as? [String: Any])?["type"] as? String == "EXTERNAL")
            // Its task set runs desiredCount x scale tasks: without the count, none.
            #expect(service["desiredCount"] as? Int == 2, "SERVER_TASKS=2 as the service's desiredCount")
            #expect((service["taskSets"] as? [Any])?.count == 1)
        }
        return services.filter { ($0["status"] as? String) == "ACTIVE" }.compactMap { $0["serviceName"] as? String }
            .filter { $0.hasPrefix("echo_server") }
    }

    /// The new revision's task definition, as ECS holds it: its image, version and Envoy's node.
    private func expectTaskDefinition(_ endpoint: String, of node: String, version: String) throws {
        let service =
            try awsCLI(endpoint, ["ecs", "describe-services", "--cluster", "demo", "--services", node])
            as? [String: Any]
        let taskSet = ((service?["services"] as? [[String: Any]])?.first?["taskSets"] as? [[String: Any]])?.first
        let arn = try #require(taskSet?["taskDefinition"] as? String)
        let answer =
            try awsCLI(endpoint, ["ecs", "describe-task-definition", "--task-definition", arn]) as? [String: Any]
        let containers =
            (answer?["taskDefinition"] as? [String: Any])?["containerDefinitions"] as? [[String: Any]] ?? []
        let app = try #require(containers.first { $0["name"] as? String == "echo_server" })
        // The image pushed to the ECR stand-in, by the digest of the manifest it holds.
        let image = try #require(app["image"] as? String)
        let digest = try #require(image.split(separator: "@").last.map(String.init))
        #expect(image.hasPrefix("127.0.0.1:") && image.contains("/demo/server@sha256:"), "\(image)")
        try expectPushed(String(image.split(separator: "/").first ?? ""), "demo/server", digest)
        let environment = (app["environment"] as? [[String: Any]] ?? []).map {
            "\($0["name"] ?? "")=\($0["value"] ?? "")"
        }
        #expect(environment.contains("ECHO_VERSION=\(version)"))
        let envoy = try #require(containers.first { $0["name"] as? String == "envoy" })
        let envoyEnvironment = (envoy["environment"] as? [[String: Any]] ?? []).map {
            "\($0["name"] ?? "")=\($0["value"] ?? "")"
        }
        #expect(envoyEnvironment == ["APPMESH_VIRTUAL_NODE_NAME=mesh/demo-mesh/virtualNode/\(node)"])
    }

    /// The registry holds the manifest the task definition names, as a registry client reads it.
    private func expectPushed(_ host: String, _ repository: String, _ digest: String) throws {
        let answer = try ImageTestSupport.run(
            "curl",
            ["-s", "-o", "/dev/null", "-w", "%{http_code}", "-u", "AWS:\(AWSTestSettings.account)-auth-token", "-H",
             "Accept: application/vnd.oci.image.manifest.v1+json", "http://\(host)/v2/\(repository)/manifests/\(digest)"]
        )
        #expect(answer.output.trimmingCharacters(in: .whitespacesAndNewlines) == "200", "manifest \(digest) in \(repository)")
    }

    private func activeServerTaskDefinitions(_ endpoint: String) throws -> [String] {
        let answer =
            try awsCLI(
                endpoint,
                ["ecs", "list-task-definitions", "--family-prefix", "demo-echo-server", "--status", "ACTIVE"]
            ) as? [String: Any]
        return answer?["taskDefinitionArns"] as? [String] ?? []
    }

    private func expectNothingTagged(_ endpoint: String) throws {
        #expect(try vpcs(endpoint).isEmpty)
        let tagged = "Name=tag:toolbox-project,Values=demo"
        for (command, key) in [
            ("describe-subnets", "Subnets"), ("describe-security-groups", "SecurityGroups"),
            ("describe-route-tables", "RouteTables"), ("describe-internet-gateways", "InternetGateways"),
            ("describe-addresses", "Addresses"),
        ] {
            let answer = try awsCLI(endpoint, ["ec2", command, "--filters", tagged]) as? [String: Any]
            #expect((answer?[key] as? [Any] ?? []).isEmpty, "\(command) still lists tagged resources")
        }
        #expect(try natGateways(endpoint).isEmpty)
        let clusters = try awsCLI(endpoint, ["ecs", "describe-clusters", "--clusters", "demo"]) as? [String: Any]
        #expect((clusters?["clusters"] as? [[String: Any]] ?? []).allSatisfy { ($0["status"] as? String) != "ACTIVE" })
        let meshes = try awsCLI(endpoint, ["appmesh", "list-meshes"]) as? [String: Any]
        #expect((meshes?["meshes"] as? [Any] ?? []).isEmpty)
        let namespaces = try awsCLI(endpoint, ["servicediscovery", "list-namespaces"]) as? [String: Any]
        #expect((namespaces?["Namespaces"] as? [Any] ?? []).isEmpty)
        let balancers = try awsCLI(endpoint, ["elbv2", "describe-load-balancers"]) as? [String: Any]
        #expect((balancers?["LoadBalancers"] as? [Any] ?? []).isEmpty)
        let repositories = try awsCLI(endpoint, ["ecr", "describe-repositories"]) as? [String: Any]
        #expect((repositories?["repositories"] as? [Any] ?? []).isEmpty)
        let roles = try awsCLI(endpoint, ["iam", "list-roles"]) as? [String: Any]
        #expect(
            !(roles?["Roles"] as? [[String: Any]] ?? []).contains {
                ($0["RoleName"] as? String)?.hasPrefix("demo-") == true
            }
        )
        let groups =
            try awsCLI(endpoint, ["logs", "describe-log-groups", "--log-group-name-prefix", "/ecs/demo"])
            as? [String: Any]
        #expect((groups?["logGroups"] as? [Any] ?? []).isEmpty)
    }
}
