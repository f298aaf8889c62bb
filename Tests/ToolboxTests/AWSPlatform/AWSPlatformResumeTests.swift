import Foundation
import Testing
import Toolbox

/// build-infra that fails halfway, because the AWS endpoint stops answering in the middle of the
/// run, and is run again: the second run creates only what is missing and finishes the job.
@Suite("AWS platform: an interrupted build-infra resumes")
struct AWSPlatformResumeTests {
    @Test func buildInfraFailingHalfwayIsFinishedByTheNextRun() async throws {
        try await withAWSEmulator { endpoint in
            let project = try awsProject(endpoint: endpoint)
            defer { project.cleanUp() }
            // Elastic Load Balancing comes after the network, ECS, Cloud Map, IAM and the mesh: send
            // its calls to a port nobody listens on, as if the emulator had gone away at that point.
            let deadPort = try LoopbackProcess.freePort()
            let failed = try await project.run(
                "infra",
                ["up"],
                ["AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2": "http://127.0.0.1:\(deadPort)"]
            )
            #expect(failed.status == 1, "\(failed.output)")
            #expect(failed.output.contains("Created ECS cluster demo"))
            #expect(failed.lines.last?.contains("elasticloadbalancing") == true, "\(failed.output)")
            #expect(!failed.output.contains("Public endpoint:"))

            let resumed = try await project.run("infra", ["up"])
            #expect(resumed.status == 0, "\(resumed.output)")
            #expect(!resumed.output.contains("Created VPC"), "the VPC of the failed run is found again")
            #expect(!resumed.output.contains("Created ECS cluster"))
            #expect(resumed.output.contains("Created load balancer demo-public"))
            #expect(resumed.output.contains("Created ECS service echo_client"))
            #expect(resumed.lines.contains("Public endpoint:"))

            let vpcs =
                try awsCLI(endpoint, ["ec2", "describe-vpcs", "--filters", "Name=tag:toolbox-project,Values=demo"])
                as? [String: Any]
            #expect((vpcs?["Vpcs"] as? [Any])?.count == 1)
            let subnets =
                try awsCLI(endpoint, ["ec2", "describe-subnets", "--filters", "Name=tag:toolbox-project,Values=demo"])
                as? [String: Any]
            #expect((subnets?["Subnets"] as? [Any])?.count == 4)
            let namespaces = try awsCLI(endpoint, ["servicediscovery", "list-namespaces"]) as? [String: Any]
            #expect((namespaces?["Namespaces"] as? [Any])?.count == 1)
            let plan = try await project.run("infra", ["up", "--dry-run"])
            #expect(plan.output.contains("Plan: 0 to create, 0 to change, 0 to delete"), "\(plan.output)")

            let destroyPlan = try await project.run("infra", ["down", "--dry-run"])
            #expect(destroyPlan.output.contains("- delete VPC"), "\(destroyPlan.output)")
            #expect(
                (try awsCLI(endpoint, ["ec2", "describe-vpcs", "--filters", "Name=tag:toolbox-project,Values=demo"])
                    as? [String: Any])?["Vpcs"] as? [Any] != nil
            )
            let destroy = try await project.run("infra", ["down"], timeout: .seconds(120))
            #expect(destroy.status == 0, "\(destroy.output)")
        }
    }
}
