import Foundation

/// The emulator's ECS agent stand-in (scripts/emulator/ecs_agent.py, as `make emulator AGENT=1`
/// starts it) for one cluster: runs each task set's computedDesiredCount tasks, registers them
/// with its target groups and Cloud Map service, reports them healthy (or UNHEALTHY) once a health
/// check would pass, and stops retired tasks after they drain. Stopped by PID.
final class ECSAgentProcess: @unchecked Sendable {
    private let process = Process()

    /// With `frontPort`, the agent also answers as the public endpoint there (public_front.py).
    init(endpoint: String, cluster: String = "demo", health: String = "HEALTHY", frontPort: Int? = nil) throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", TestPaths.script("emulator/ecs_agent.py"), endpoint, cluster, "--health", health]
            + (frontPort.map { ["--front-port", String($0)] } ?? [])
        process.environment = ProcessInfo.processInfo.environment.merging(AWSTestSettings.emulatorTime) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
    }

    /// SIGTERM to the agent's PID, then waits for it (SIGKILL after two seconds).
    func stop() { LoopbackProcess(process: process, port: 0).stop() }

    deinit { stop() }
}
