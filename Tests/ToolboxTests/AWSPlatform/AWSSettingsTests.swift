import Foundation
import Testing
import Toolbox

/// Every bad aws setting is a one-line error naming its key, exit status 2, and nothing created.
@Suite("AWS settings: bad .env values")
struct AWSSettingsTests {
    struct BadValue: Sendable, CustomTestStringConvertible {
        var values: [String: String]
        var key: String
        var testDescription: String { values.map { "\($0.key)='\($0.value)'" }.sorted().joined(separator: " ") }
    }

    static let cases: [BadValue] = [
        .init(values: ["AWS_DEFAULT_REGION": ""], key: "AWS_DEFAULT_REGION"),
        .init(values: ["AWS_DEFAULT_REGION": "tokyo"], key: "AWS_DEFAULT_REGION"),
        .init(values: ["AWS_ACCOUNT_ID": ""], key: "AWS_ACCOUNT_ID"),
        .init(values: ["AWS_ACCOUNT_ID": "12345"], key: "AWS_ACCOUNT_ID"),
        .init(values: ["AWS_ACCOUNT_ID": "12345678901a"], key: "AWS_ACCOUNT_ID"),
        .init(values: ["ENVOY_IMAGE": ""], key: "ENVOY_IMAGE"),
        .init(values: ["ENVOY_IMAGE": "envoy"], key: "ENVOY_IMAGE"),
        .init(values: ["ENVOY_IMAGE": "envoy proxy:v1"], key: "ENVOY_IMAGE"),
        .init(values: ["KEY_PAIR": "my/key"], key: "KEY_PAIR"),
        .init(values: ["KEY_PAIR": "my-key"], key: "BASTION_AMI"),
        .init(values: ["KEY_PAIR": "my-key", "BASTION_AMI": "ubuntu"], key: "BASTION_AMI"),
        .init(values: ["TRAFFIC_ROUTER": "istio"], key: "TRAFFIC_ROUTER"),
        .init(values: ["ALLOW_DIRTY": "yes"], key: "ALLOW_DIRTY"),
        .init(values: ["DRAIN_TIMEOUT": "-1"], key: "DRAIN_TIMEOUT"),
        .init(values: ["SERVER_IMAGE": "not an image"], key: "SERVER_IMAGE"),
        .init(values: ["CLIENT_IMAGE": "client"], key: "CLIENT_IMAGE"),
        .init(values: ["PUBLIC_URL": "echo.example.com"], key: "PUBLIC_URL"),
        .init(values: ["PUBLIC_URL": "https://echo.example.com/path"], key: "PUBLIC_URL"),
    ]

    /// Checked by the shared settings rather than by `AWSSettings`.
    static let commandCases: [BadValue] = [
        .init(values: ["TARGET": "gcp"], key: "TARGET"),
        .init(values: ["PROJECT_NAME": "Echo App"], key: "PROJECT_NAME"),
        // Accepted by the settings once, refused by AWS: both load balancers cut to one 32-character
        // name ending in '-'; two hyphens in an ECR repository; an ALB named internal-...; a DNS
        // label ending in '-'.
        .init(values: ["PROJECT_NAME": "a-thirty-one-character-project1"], key: "PROJECT_NAME"),
        .init(values: ["PROJECT_NAME": "echo--app"], key: "PROJECT_NAME"),
        .init(values: ["PROJECT_NAME": "internal-echo"], key: "PROJECT_NAME"),
        .init(values: ["PROJECT_NAME": "echo-"], key: "PROJECT_NAME"),
    ]

    @Test(arguments: cases) func parsing(_ bad: BadValue) throws {
        var values = AWSTestSettings.values(endpoint: "http://127.0.0.1:9")
        values.merge(bad.values) { $1 }
        #expect {
            _ = try AWSSettings(values)
        } throws: { error in
            let error = error as? ToolboxError
            return error?.kind == .refused && error?.description.contains(bad.key) == true
        }
    }

    @Test func goodSettingsParse() throws {
        var values = AWSTestSettings.values(endpoint: "http://127.0.0.1:9")
        values["KEY_PAIR"] = "my-key"
        values["BASTION_AMI"] = "ami-0123456789abcdef0"
        let settings = try AWSSettings(values)
        #expect(settings.accountID == AWSTestSettings.account)
        #expect(settings.keyPair == "my-key" && settings.trafficRouter == .appmesh && settings.usesEmulator)
    }

    @Test func albIsTheDefaultAndNeedsNoEnvoyImage() throws {
        var values = AWSTestSettings.values(endpoint: "http://127.0.0.1:9")
        values["TRAFFIC_ROUTER"] = nil
        values["ENVOY_IMAGE"] = nil
        let settings = try AWSSettings(values)
        #expect(settings.trafficRouter == .alb)
        #expect(settings.discontinuedRouterWarning == nil)
        values["TRAFFIC_ROUTER"] = "appmesh"
        #expect(throws: ToolboxError.self) { try AWSSettings(values) }
    }

    /// Against AWS itself (no endpoint override) App Mesh is named for what it is now.
    @Test func appMeshOnAWSWarnsThatItWasDiscontinued() throws {
        var values = AWSTestSettings.values(endpoint: "http://127.0.0.1:9")
        #expect(try AWSSettings(values).discontinuedRouterWarning == nil, "the emulator still has App Mesh")
        values["AWS_ENDPOINT_URL"] = nil
        let warning = try #require(try AWSSettings(values).discontinuedRouterWarning)
        #expect(warning.contains("discontinued") && warning.contains("2026-09-30") && !warning.contains("\n"))
    }

    /// Through `infra up` as a user runs it: one line, status 2, and the emulator still empty.
    @Test func commandsRefuseBadSettingsAndCreateNothing() async throws {
        try await withAWSEmulator { endpoint in
            let project = try awsProject(endpoint: endpoint)
            defer { project.cleanUp() }
            for bad in Self.cases + Self.commandCases {
                let result = try await project.run("infra", ["up"], bad.values)
                #expect(result.status == 2, "\(bad.testDescription): \(result.output)")
                #expect(result.lines.count == 1, "\(bad.testDescription): \(result.output)")
                #expect(result.output.hasPrefix("error: ") && result.output.contains(bad.key), "\(result.output)")
            }
            let vpcs =
                try awsCLI(endpoint, ["ec2", "describe-vpcs", "--filters", "Name=tag:toolbox-project,Values=demo"])
                as? [String: Any]
            #expect((vpcs?["Vpcs"] as? [Any] ?? []).isEmpty)
            let clusters = try awsCLI(endpoint, ["ecs", "list-clusters"]) as? [String: Any]
            #expect((clusters?["clusterArns"] as? [Any] ?? []).isEmpty)
        }
    }

    /// An image built from uncommitted work is refused on aws unless ALLOW_DIRTY=1 says otherwise.
    @Test func dirtyWorkIsRefusedUnlessAllowed() async throws {
        try await withAWSEmulator { endpoint in
            let project = try awsProject(endpoint: endpoint)
            defer { project.cleanUp() }
            try "work in progress\n".write(
                to: project.directory.appendingPathComponent("NOTES.txt"),
                atomically: true,
                encoding: .utf8
            )
            let refused = try await project.run("infra", ["up"])
            #expect(refused.status == 2, "\(refused.output)")
            #expect(refused.output.contains("-dirty") && refused.output.contains("ALLOW_DIRTY=1"), "\(refused.output)")
            let allowed = try await project.run("infra", ["up", "--dry-run"], ["ALLOW_DIRTY": "1"])
            #expect(allowed.status == 0, "\(allowed.output)")
            #expect(allowed.output.contains("built from uncommitted work (ALLOW_DIRTY=1)"))
            #expect(allowed.output.contains("+ create VPC demo-vpc"))
        }
    }
}
