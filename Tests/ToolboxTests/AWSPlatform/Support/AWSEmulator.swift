import Foundation
import Testing
import Toolbox

/// moto's server as `make emulator` starts it (scripts/emulator/serve.py, with the toolbox's App
/// Mesh extension and the contract layer), on a free loopback port, stopped by PID when the body
/// ends. Every request it answered is then checked: one AWS would refuse fails the test. With
/// `registry`, a registry stands in for ECR as `make emulator`'s does (ECR's login names it);
/// `refusals` names the requests ("service Operation") a test sends knowing AWS refuses them.
func withAWSEmulator<T>(
    registry: Bool = false, refusals: [String] = [], sourceLocation: SourceLocation = #_sourceLocation,
    _ body: (String) async throws -> T
) async throws -> T {
    try await withAWSEmulator(registry: registry, refusals: refusals, sourceLocation: sourceLocation) { endpoint, _ in
        try await body(endpoint)
    }
}

/// The same, with the contract log the body can read as it goes (which calls were made).
func withAWSEmulator<T>(
    registry: Bool = false, refusals: [String] = [], sourceLocation: SourceLocation = #_sourceLocation,
    _ body: (String, ContractLog) async throws -> T
) async throws -> T {
    let contract = ContractLog()
    let ecr = registry ? try TestRegistry(basicLogin: (user: "AWS", password: "\(AWSTestSettings.account)-auth-token")) : nil
    defer { ecr?.stop() }
    var environment = ["MOTO_IAM_LOAD_MANAGED_POLICIES": "true", "TOOLBOX_CONTRACT_LOG": contract.url.path]
    environment.merge(AWSTestSettings.emulatorTime) { $1 }
    if let ecr { environment["TOOLBOX_ECR_REGISTRY"] = "http://\(ecr.address)" }
    let emulator = try await LoopbackProcess.start(
        ["python3", TestPaths.script("emulator/serve.py"), "-H", "127.0.0.1", "-p", "{port}"],
        readinessPath: "/moto-api/",
        environment: environment
    )
    do {
        let result = try await body(emulator.endpoint, contract)
        await emulator.stopAndWait()
        contract.expectViolations(exactly: refusals, sourceLocation.fileID)
        return result
    } catch {
        await emulator.stopAndWait()
        contract.expectViolations(exactly: refusals, sourceLocation.fileID)
        throw error
    }
}

/// A git project set up for TARGET=aws against `endpoint`, as a user pasting `make emulator`'s lines would.
func awsProject(endpoint: String, extra: [String: String] = [:]) throws -> ToolboxProject {
    var settings = AWSTestSettings.values(endpoint: endpoint)
    settings.merge(extra) { $1 }
    // ToolboxProject ignores .toolbox/ in git, as a user's checkout does.
    return try ToolboxProject(settings: settings)
}

enum AWSTestSettings {
    static let account = "123456789012"
    static let region = "us-east-1"

    static func values(endpoint: String) -> [String: String] {
        [
            "TARGET": "aws", "AWS_ENDPOINT_URL": endpoint, "AWS_ACCESS_KEY_ID": "testing",
            "AWS_SECRET_ACCESS_KEY": "testing",
            "AWS_DEFAULT_REGION": region, "AWS_REGION": "", "AWS_ACCOUNT_ID": account, "AWS_PROFILE": "",
            // The App Mesh suites say so explicitly (alb is the default); the ALB suites pass alb.
            "TRAFFIC_ROUTER": "appmesh",
            "ENVOY_IMAGE": "840364872350.dkr.ecr.us-east-1.amazonaws.com/aws-appmesh-envoy:v1.29.12.1-prod",
            "AWS_POLL_INTERVAL": "0.1", "DRAIN_TIMEOUT": "10", "BAKE": "0", "PROJECT_NAME": "demo",
            // The smoke step reaches the public endpoint through the agent's stand-in front, which
            // AWSSmokeTests starts; the other suites are about other steps.
            "SMOKE": "0",
            // Named images, so suites not about ECR need no image build; the walkthroughs clear
            // these (`pushedImages`) and push what make image built to the ECR stand-in.
            "SERVER_IMAGE": "\(account).dkr.ecr.\(region).amazonaws.com/demo/server:given",
            "CLIENT_IMAGE": "\(account).dkr.ecr.\(region).amazonaws.com/demo/client:given",
        ]
    }

    /// The images come from the project's image store, pushed through ECR's login.
    static let pushedImages = ["SERVER_IMAGE": "", "CLIENT_IMAGE": ""]

    /// AWS's waits (health checks passing, targets draining) at a twentieth of AWS's time.
    static let emulatorTime = ["TOOLBOX_EMULATOR_TIME_SCALE": "0.05"]

    /// A client of the emulator for the test's own reads.
    static func client(_ endpoint: String) -> AWSClient {
        testClient(endpoint: endpoint, region: region)
    }
}

/// The AWS CLI pointed at the emulator: the independent reader of what the toolbox wrote.
func awsCLI(_ endpoint: String, _ arguments: [String]) throws -> Any {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments =
        ["aws", "--endpoint-url", endpoint, "--region", AWSTestSettings.region, "--output", "json"] + arguments
    process.environment = ProcessInfo.processInfo.environment.merging(
        ["AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_PAGER": ""]) { $1 }
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        throw ProjectFailure("aws \(arguments.joined(separator: " ")) exited \(process.terminationStatus)")
    }
    return data.isEmpty ? [:] : try JSONSerialization.jsonObject(with: data)
}
