import Foundation
import Toolbox

/// moto's server as `make emulator` starts it (scripts/emulator/serve.py, with the toolbox's App
/// Mesh extension), on a free loopback port, stopped by PID when the body ends.
func withAWSEmulator<T>(_ body: (String) async throws -> T) async throws -> T {
    let emulator = try await LoopbackProcess.start(
        ["python3", TestPaths.script("emulator/serve.py"), "-H", "127.0.0.1", "-p", "{port}"],
        readinessPath: "/moto-api/",
        environment: ["MOTO_IAM_LOAD_MANAGED_POLICIES": "true"]
    )
    do {
        let result = try await body(emulator.endpoint)
        await emulator.stopAndWait()
        return result
    } catch {
        await emulator.stopAndWait()
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
        ]
    }

    /// A client of the emulator for the test's own reads and for the fake ECS agent.
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
