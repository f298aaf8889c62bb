import Foundation

/// Which platform the toolbox drives.
public enum DeploymentTarget: String, Sendable, Codable, CaseIterable {
    case local
    case aws
}

/// What a rollout does when a task of the new revision is lost during a step.
public enum TaskLossPolicy: String, Sendable, CaseIterable {
    /// Roll back at once: traffic to the previous revision, the new one stopped.
    case rollback
    /// Carry on while at least one task of the new revision is healthy.
    case `continue`
}

/// What the local target runs a revision's tasks from.
public enum LocalArtifact: String, Sendable, CaseIterable {
    /// The image `make image` built for the working tree, unpacked: the very files that ship.
    case image
    /// The executable in the bin folder, copied: quicker, for rehearsing many versions of one build.
    case executable
}

/// Every setting of a toolbox command, from the project's `.env` and the environment (the
/// environment and make variables win), read once through `SettingsTable` with errors that
/// name the key. The aws target's own keys are `AWSSettings`, read from the same table.
public struct ToolboxSettings: Sendable {
    public var projectDirectory: URL
    public var stateDirectory: URL
    /// Where the echo executables (and the plugins) are: the plugin's own folder unless TOOLBOX_BIN_DIR says otherwise.
    public var binDirectory: URL
    public var target: DeploymentTarget
    public var projectName: String
    public var serverTasks: Int
    public var clientTasks: Int
    /// The services deployed: the echo pair with SERVER_TASKS and CLIENT_TASKS, or SERVICES_FILE's.
    public var services: ServiceConfiguration
    public var steps: [Int]
    public var bakeSeconds: Double
    public var healthTimeoutSeconds: Double
    /// The rollout's error-rate gate: the new revision's failed calls over a bake, in percent,
    /// above which it is rolled back, judged only once `minimumCalls` calls were seen.
    public var maximumErrorRate: Double
    public var minimumCalls: Int
    /// How far (in percentage points) a step's observed share may stray from its weight before
    /// the receipt reports it; with `strictShare` the step fails instead.
    public var shareTolerance: Double
    public var strictShare: Bool
    /// How long the previous revision stays running at 0 % after a rollout reaches 100 %, so
    /// that make rollback returns to it with one route change; 0 retires it at once.
    public var keepPreviousSeconds: Double
    /// Calls sent to a new revision through its test route before any weight moves (0: none).
    public var smokeCalls: Int
    /// CloudWatch alarms the bakes watch (ALARMS).
    public var alarms: [String]
    /// The header (gRPC metadata) that sends a call to the test route.
    public var canaryHeader: String
    public var onTaskLoss: TaskLossPolicy
    public var publicPort: Int
    public var virtualServicePort: Int
    /// The first three octets of the loopback addresses given to local tasks, like "127.0.10".
    public var taskNetwork: String
    public var localArtifact: LocalArtifact
    /// How long a command waits for another one holding the project lock (finite: at most a day).
    public var lockWaitSeconds: Double
    /// VERSION: names the new revision's version instead of the service's version constant.
    public var versionOverride: String?
    /// TASK_ENV: extra environment for the new revision's tasks.
    public var taskEnvironment: [String: String]
    /// PLAN=1: build-infra and destroy-infra print their plan and change nothing.
    public var planOnly: Bool
    /// Every merged value, for the AWS credential chain and `AWSSettings`; no key is read from it elsewhere.
    public var values: [String: String]

    public static func load(
        projectDirectory: URL,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        envFile: URL? = nil
    ) throws(ToolboxError) -> ToolboxSettings {
        let fileURL = envFile ?? projectDirectory.appendingPathComponent(".env")
        var values: [String: String] = [:]
        if let text = try? String(contentsOf: fileURL, encoding: .utf8) {
            values = try EnvFile.parse(text)
        } else if envFile != nil {
            throw .refused("cannot read the env file \(fileURL.path)")
        }
        values.merge(environment) { $1 }
        return try ToolboxSettings(projectDirectory: projectDirectory, values: values)
    }

    init(projectDirectory: URL, values: [String: String]) throws(ToolboxError) {
        typealias Key = SettingsTable
        self.projectDirectory = projectDirectory
        self.values = values
        target = try Key.target.read(values)
        projectName = try Key.projectName.read(values)
        versionOverride = try Key.version.read(values)
        serverTasks = try Key.serverTasks.read(values)
        clientTasks = try Key.clientTasks.read(values)
        if let file = try Key.servicesFile.read(values) {
            services = try ServiceConfiguration.load(from: URL(fileURLWithPath: file, relativeTo: projectDirectory))
        } else {
            services = .echo(serverTasks: serverTasks, clientTasks: clientTasks)
        }
        steps = try Key.steps.read(values)
        bakeSeconds = try Key.bake.read(values)
        healthTimeoutSeconds = try Key.healthTimeout.read(values)
        maximumErrorRate = try Key.errorRate.read(values)
        minimumCalls = try Key.minRequests.read(values)
        onTaskLoss = try Key.onTaskLoss.read(values)
        smokeCalls = try Key.smoke.read(values)
        alarms = try Key.alarms.read(values)
        canaryHeader = try Key.canaryHeader.read(values)
        shareTolerance = try Key.shareTolerance.read(values)
        strictShare = try Key.strictShare.read(values)
        keepPreviousSeconds = try Key.keepPrevious.read(values)
        publicPort = try Key.publicPort.read(values)
        virtualServicePort = try Key.virtualServicePort.read(values)
        taskNetwork = try Key.taskNetwork.read(values)
        lockWaitSeconds = try Key.lockWait.read(values)
        localArtifact = try Key.localArtifact.read(values)
        taskEnvironment = try Key.taskEnvironment.read(values)
        planOnly = try Key.plan.read(values)
        let state = try Key.stateDirectory.read(values)
        stateDirectory = URL(fileURLWithPath: state, relativeTo: projectDirectory).standardizedFileURL
        let ownFolder = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        binDirectory = try Key.binDirectory.read(values).map {
            URL(fileURLWithPath: $0, relativeTo: projectDirectory).standardizedFileURL
        } ?? ownFolder
    }

    /// The aws target's own settings, read from the same values (only that target needs them).
    public func awsSettings() throws(ToolboxError) -> AWSSettings {
        try AWSSettings(values)
    }
}
