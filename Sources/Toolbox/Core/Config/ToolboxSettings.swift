import Foundation

/// Which platform the toolbox drives.
public enum DeploymentTarget: String, Sendable, Codable {
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
/// environment and make variables win), validated once with errors that name the key.
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
    /// The header (gRPC metadata) that sends a call to the test route.
    public var canaryHeader: String
    /// PLAN=1: commands print what they would change and change nothing.
    public var plan: Bool
    public var onTaskLoss: TaskLossPolicy
    public var publicPort: Int
    public var virtualServicePort: Int
    /// The first three octets of the loopback addresses given to local tasks, like "127.0.10".
    public var taskNetwork: String
    public var localArtifact: LocalArtifact
    /// How long a command waits for another one holding the project lock (finite: at most a day).
    public var lockWaitSeconds: Double
    /// Every merged value, for the settings a platform reads itself.
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
        let read = SettingsReader(values: values)
        self.projectDirectory = projectDirectory
        self.values = values
        let targetText = read.string("TARGET", default: "local")
        guard let target = DeploymentTarget(rawValue: targetText) else {
            throw .refused("TARGET must be local or aws, got '\(targetText)'")
        }
        self.target = target
        projectName = read.string("PROJECT_NAME", default: "echo")
        try NameRules.projectName(projectName)
        if let version = values["VERSION"], !version.isEmpty { try NameRules.version(version, source: "VERSION") }
        serverTasks = try read.integer("SERVER_TASKS", default: 2, in: 1...20)
        clientTasks = try read.integer("CLIENT_TASKS", default: 1, in: 1...20)
        if let file = values["SERVICES_FILE"], !file.isEmpty {
            services = try ServiceConfiguration.load(from: URL(fileURLWithPath: file, relativeTo: projectDirectory))
        } else {
            services = .echo(serverTasks: serverTasks, clientTasks: clientTasks)
        }
        steps = try read.steps("STEPS", default: [50, 100])
        bakeSeconds = try read.seconds("BAKE", default: 15)
        healthTimeoutSeconds = try read.seconds("HEALTH_TIMEOUT", default: 60)
        maximumErrorRate = try read.percentage("ERROR_RATE", default: 1)
        minimumCalls = try read.integer("MIN_REQUESTS", default: 20, in: 1...1_000_000)
        shareTolerance = try read.percentage("SHARE_TOLERANCE", default: 10)
        strictShare = try read.flag("STRICT_SHARE")
        keepPreviousSeconds = try read.duration("KEEP_PREVIOUS", default: 300)
        plan = try read.flag("PLAN")
        smokeCalls = try read.integer("SMOKE", default: 20, in: 0...10_000)
        canaryHeader = read.string("CANARY_HEADER", default: "x-canary")
        try NameRules.headerName(canaryHeader, key: "CANARY_HEADER")
        onTaskLoss = try read.choice("ON_TASK_LOSS", default: .rollback)
        publicPort = try read.integer("PUBLIC_PORT", default: 8080, in: 1...65535)
        virtualServicePort = try read.integer("VIRTUAL_SERVICE_PORT", default: 50051, in: 1...65535)
        taskNetwork = read.string("TASK_NETWORK", default: "127.0.10")
        try NameRules.taskNetwork(taskNetwork)
        lockWaitSeconds = try read.seconds("LOCK_WAIT", default: 5)
        localArtifact = try read.choice("LOCAL_ARTIFACT", default: .image)
        let state = read.string("TOOLBOX_DIR", default: ".toolbox")
        stateDirectory = URL(fileURLWithPath: state, relativeTo: projectDirectory).standardizedFileURL
        let ownFolder = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        binDirectory = values["TOOLBOX_BIN_DIR"].map { URL(fileURLWithPath: $0, relativeTo: projectDirectory).standardizedFileURL } ?? ownFolder
    }
}
