import Foundation

/// Every setting the toolbox reads, once: from `.env` and the environment (make variables
/// included). `ToolboxSettings` and `AWSSettings` read these keys and nothing else, and
/// `.env-sample` is this table's rendering (`sampleText`; a test holds them together).
public enum SettingsTable {
    // The original example's keys.
    public static let projectName = SettingKey<String>.text(
        "PROJECT_NAME", default: "echo",
        doc: "names everything the toolbox creates (lowercase, digits, inner '-'; 25 at most on aws)"
    ) { name, text throws(ToolboxError) in try NameRules.projectName(text, key: name) }
    public static let awsDefaultRegion = SettingKey<String>.required(
        "AWS_DEFAULT_REGION", whenUnset: "name the region to deploy to, like ap-northeast-1", example: "ap-northeast-1",
        doc: "aws: the region to deploy to", pattern: regionPattern, shape: "a region name like ap-northeast-1"
    )
    public static let awsAccountID = SettingKey<String>.required(
        "AWS_ACCOUNT_ID", whenUnset: "it is your 12-digit account id", example: "123456789012",
        doc: "aws: your 12-digit account id", pattern: "^[0-9]{12}$", shape: "12 digits"
    )
    public static let envoyImage = SettingKey<String>(
        "ENVOY_IMAGE", required: ".env-sample names the App Mesh Envoy image to use",
        example: "840364872350.dkr.ecr.ap-northeast-1.amazonaws.com/aws-appmesh-envoy:v1.27.0.0-prod",
        doc: "appmesh only", parse: AWSSettings.envoyImage
    )
    public static let keyPair = SettingKey<String?>.optionalName(
        "KEY_PAIR", doc: "empty: no bastion", pattern: "^[A-Za-z0-9 ._-]{1,255}$"
    )
    public static let target = SettingKey<DeploymentTarget>.choice("TARGET", default: .local, doc: "local or aws")

    // aws target only.
    public static let trafficRouter = SettingKey<TrafficRouterKind>.choice(
        "TRAFFIC_ROUTER", default: .alb,
        doc: "internal ALB, weights per gRPC call; appmesh (needs ENVOY_IMAGE) was discontinued on 2026-09-30"
    )
    public static let bastionImage = SettingKey<String?>.optionalName(
        "BASTION_AMI", sample: "ami-...", doc: "the bastion's image, required when KEY_PAIR is set (AMI ids differ per region)",
        pattern: "^ami-[0-9a-f]{8,17}$"
    )
    public static let serverImage = SettingKey<String?>.imageReference(
        "SERVER_IMAGE", doc: "deploy this image instead of the image make image built, pushed to ECR <project>/server"
    )
    public static let clientImage = SettingKey<String?>.imageReference("CLIENT_IMAGE", doc: "the same for the client")
    public static let allowDirty = SettingKey<Bool>.flag(
        "ALLOW_DIRTY", doc: "1: deploy images built from uncommitted work (tag ending in -dirty)"
    )
    public static let drainTimeout = SettingKey<Double>.seconds(
        "DRAIN_TIMEOUT", default: 30, doc: "seconds a retired revision's tasks get to stop"
    )
    public static let awsEndpointURL = SettingKey<String?>.optional(
        "AWS_ENDPOINT_URL", doc: "an emulator instead of AWS: make emulator prints the line to paste"
    )
    public static let publicURL = SettingKey<String?>.optional(
        "PUBLIC_URL", sample: "https://echo.example.com",
        doc: "where smoke calls reach the public endpoint (default: http:// and the public load balancer's name)"
    ) { name, text throws(ToolboxError) in
        guard text.range(of: #"^https?://[A-Za-z0-9.:\[\]-]+(:[0-9]{1,5})?$"#, options: .regularExpression) != nil else {
            throw .refused("\(name) must be http:// or https:// and a host, without a path, got '\(text)'")
        }
    }

    // Task counts.
    public static let serverTasks = SettingKey<Int>.integer(
        "SERVER_TASKS", default: 2, in: 1...20, doc: "echo-server tasks per revision"
    )
    public static let clientTasks = SettingKey<Int>.integer("CLIENT_TASKS", default: 1, in: 1...20, doc: "echo-client tasks")

    // Rollout and its gates.
    public static let steps = SettingKey<[Int]>.steps(
        "STEPS", default: [50, 100], doc: "traffic steps in percent, rising to 100; 0 alone stages the new revision"
    )
    public static let bake = SettingKey<Double>.seconds("BAKE", default: 15, doc: "seconds between steps")
    public static let healthTimeout = SettingKey<Double>.seconds(
        "HEALTH_TIMEOUT", default: 60, doc: "seconds the new tasks get to become healthy (and the smoke step's public endpoint to answer)"
    )
    public static let errorRate = SettingKey<Double>.percentage(
        "ERROR_RATE", default: 1, doc: "percent of the new revision's calls that may fail during a bake"
    )
    public static let minRequests = SettingKey<Int>.integer(
        "MIN_REQUESTS", default: 20, in: 1...1_000_000, doc: "calls seen before the error rate is judged"
    )
    public static let onTaskLoss = SettingKey<TaskLossPolicy>.choice(
        "ON_TASK_LOSS", default: .rollback, doc: "a lost task rolls back, or continue while one task is healthy"
    )
    public static let alarms = SettingKey<[String]>(
        "ALARMS", default: [], sample: "", doc: "CloudWatch alarm names; any in ALARM during a bake rolls back"
    ) { name, text throws(ToolboxError) in
        let names = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard !names.isEmpty, names.count <= 100, names.allSatisfy({ (1...255).contains($0.count) && !$0.contains(where: \.isNewline) }) else {
            throw .refused("\(name) must be alarm names separated by commas (at most 100), got '\(text)'")
        }
        return names
    }
    public static let smoke = SettingKey<Int>.integer(
        "SMOKE", default: 20, in: 0...10_000, doc: "calls sent to the new revision through its test route before any weight moves"
    )
    public static let canaryHeader = SettingKey<String>.text(
        "CANARY_HEADER", default: "x-canary", doc: "calls with this header reach the test route (the staged revision)"
    ) { name, text throws(ToolboxError) in try NameRules.headerName(text, key: name) }
    public static let shareTolerance = SettingKey<Double>.percentage(
        "SHARE_TOLERANCE", default: 10, doc: "points a step's observed share may stray from its weight before it is reported"
    )
    public static let strictShare = SettingKey<Bool>.flag("STRICT_SHARE", doc: "1: a share past SHARE_TOLERANCE fails the step")
    public static let keepPrevious = SettingKey<Double>(
        "KEEP_PREVIOUS", default: 300, sample: "5m",
        doc: "the previous revision stays at 0% this long for an instant make rollback (0: retired at once)"
    ) { name, text throws(ToolboxError) in try SettingParsers.duration(text, key: name) }

    // Local target.
    public static let publicPort = SettingKey<Int>.integer(
        "PUBLIC_PORT", default: 8080, in: 1...65535, doc: "the public endpoint's port"
    )
    public static let virtualServicePort = SettingKey<Int>.integer(
        "VIRTUAL_SERVICE_PORT", default: 50051, in: 1...65535, doc: "the gRPC virtual service's port"
    )
    public static let taskNetwork = SettingKey<String>.text(
        "TASK_NETWORK", default: "127.0.10", doc: "first three octets of the tasks' loopback addresses (like Fargate ENIs)"
    ) { _, text throws(ToolboxError) in try NameRules.taskNetwork(text) }
    public static let localArtifact = SettingKey<LocalArtifact>.choice(
        "LOCAL_ARTIFACT", default: .image, doc: "image (the image make image built, unpacked: what ships) or executable"
    )

    // Given for one command (make update VERSION=1.0 TASK_ENV=..., make build-infra PLAN=1), or by tooling.
    public static let version = SettingKey<String?>.optional(
        "VERSION", doc: "names the new revision's version instead of the version constant"
    ) { name, text throws(ToolboxError) in try NameRules.version(text, source: name) }
    public static let taskEnvironment = SettingKey<[String: String]>(
        "TASK_ENV", default: [:], sample: "", doc: "KEY=VALUE words added to the new revision's tasks"
    ) { _, text throws(ToolboxError) in try TaskEnvironment.parse(TaskEnvironment.fromSetting(text)) }
    public static let plan = SettingKey<Bool>.flag("PLAN", doc: "1: a command that changes the deployment prints its plan and changes nothing")
    public static let servicesFile = SettingKey<String?>.optional(
        "SERVICES_FILE", doc: "a JSON service configuration instead of the echo pair (docs/architecture.md)"
    )
    public static let lockWait = SettingKey<Double>.seconds(
        "LOCK_WAIT", default: 5, doc: "seconds a command waits for another one holding the project lock"
    )
    public static let stateDirectory = SettingKey<String>.text(
        "TOOLBOX_DIR", default: ".toolbox", doc: "the state folder, relative to the project"
    )
    public static let binDirectory = SettingKey<String?>.optional(
        "TOOLBOX_BIN_DIR", doc: "where the echo executables are, when not beside the plugin"
    )
    public static let awsRegion = SettingKey<String?>.optional(
        "AWS_REGION", doc: "overrides AWS_DEFAULT_REGION, as the AWS CLI does"
    ) { name, text throws(ToolboxError) in
        guard text.range(of: regionPattern, options: .regularExpression) != nil else {
            throw .refused("\(name) must be a region name like ap-northeast-1, got '\(text)'")
        }
    }
    public static let awsPollInterval = SettingKey<Double>.seconds(
        "AWS_POLL_INTERVAL", default: 1, doc: "seconds between AWS status polls (tests make it shorter)"
    )

    static let regionPattern = "^[a-z]{2}(-gov)?-[a-z]+-[0-9]$"
}
