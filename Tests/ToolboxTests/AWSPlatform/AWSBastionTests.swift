import Foundation
import Testing
import Toolbox

/// With KEY_PAIR the original had a bastion: build-infra starts one and prints its endpoint;
/// destroy-infra terminates it.
@Suite("AWS platform: the bastion")
struct AWSBastionTests {
    @Test func keyPairAddsABastionAndItsEndpoint() async throws {
        try await withAWSEmulator { endpoint in
            let project = try awsProject(
                endpoint: endpoint,
                extra: ["KEY_PAIR": "demo-key", "BASTION_AMI": "ami-0123456789abcdef0"]
            )
            defer { project.cleanUp() }
            let up = try await project.run("infra", ["up"])
            #expect(up.status == 0, "\(up.output)")
            let lines = up.lines
            let bastion = try #require(lines.firstIndex(of: "Bastion endpoint:"), "\(up.output)")
            #expect(lines[bastion + 1].split(separator: ".").count == 4, "an IPv4 address: \(lines[bastion + 1])")
            #expect(
                lines.firstIndex(of: "Public endpoint:").map { $0 > bastion } == true,
                "bastion first, as the original"
            )
            let described =
                try awsCLI(
                    endpoint,
                    [
                        "ec2", "describe-instances", "--filters", "Name=tag:toolbox-project,Values=demo",
                        "Name=instance-state-name,Values=running",
                    ]
                ) as? [String: Any]
            let instances = (described?["Reservations"] as? [[String: Any]] ?? []).flatMap {
                $0["Instances"] as? [[String: Any]] ?? []
            }
            #expect(instances.count == 1)
            #expect(instances.first?["KeyName"] as? String == "demo-key")

            let again = try await project.run("infra", ["up"])
            #expect(again.output.contains("Everything is already up; nothing changed."), "\(again.output)")
            let down = try await project.run("infra", ["down"], timeout: .seconds(120))
            #expect(down.status == 0, "\(down.output)")
            let left =
                try awsCLI(
                    endpoint,
                    [
                        "ec2", "describe-instances", "--filters", "Name=tag:toolbox-project,Values=demo",
                        "Name=instance-state-name,Values=pending,running",
                    ]
                ) as? [String: Any]
            #expect((left?["Reservations"] as? [Any] ?? []).isEmpty)
        }
    }
}
