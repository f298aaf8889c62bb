
/// Which traffic router the aws target builds: an internal ALB (the default, and the only one
/// AWS still offers) or App Mesh (discontinued on 2026-09-30; kept for teams moving off it).
public enum TrafficRouterKind: String, Sendable, CaseIterable {
    case alb
    case appmesh
}

/// The settings only the aws target reads, the original's keys (AWS_DEFAULT_REGION,
/// AWS_ACCOUNT_ID, ENVOY_IMAGE, KEY_PAIR) plus ours; each bad value is a one-line error naming
/// its key, found before any AWS call is made.
public struct AWSSettings: Sendable, Equatable {
    public var region: String
    public var accountID: String
    /// The App Mesh Envoy image; needed (and checked) only with TRAFFIC_ROUTER=appmesh.
    public var envoyImage: String
    /// A key pair name: the bastion is created only when it is set.
    public var keyPair: String?
    /// The bastion's machine image (needed only with KEY_PAIR: AMI ids differ per region).
    public var bastionImage: String?
    public var trafficRouter: TrafficRouterKind
    /// Deploy images built from uncommitted work (refused otherwise).
    public var allowDirty: Bool
    /// AWS_ENDPOINT_URL: set when the calls go to an emulator rather than AWS.
    public var endpointOverride: String?
    /// PUBLIC_URL: where smoke calls reach the public endpoint, when not the load balancer's own name.
    public var publicURL: String?
    /// Images to deploy instead of the project's ECR repositories (SERVER_IMAGE, CLIENT_IMAGE).
    public var serverImage: String?
    public var clientImage: String?
    /// Seconds a retired revision's tasks get to stop after their task set is scaled to zero.
    public var drainTimeoutSeconds: Double

    /// Seconds between polls of AWS for a change to settle.
    public var pollIntervalSeconds: Double

    public init(_ values: [String: String]) throws(ToolboxError) {
        typealias Key = SettingsTable
        if let override = try Key.awsRegion.read(values) {
            region = override
        } else {
            region = try Key.awsDefaultRegion.read(values)
        }
        accountID = try Key.awsAccountID.read(values)
        keyPair = try Key.keyPair.read(values)
        bastionImage = try Key.bastionImage.read(values)
        if keyPair != nil, bastionImage == nil {
            throw .refused(
                "BASTION_AMI is not set; with KEY_PAIR the toolbox starts a bastion and needs its image id (ami-...)"
            )
        }
        trafficRouter = try Key.trafficRouter.read(values)
        envoyImage = trafficRouter == .appmesh ? try Key.envoyImage.read(values) : ""
        allowDirty = try Key.allowDirty.read(values)
        serverImage = try Key.serverImage.read(values)
        clientImage = try Key.clientImage.read(values)
        endpointOverride = try Key.awsEndpointURL.read(values)
        publicURL = try Key.publicURL.read(values)
        drainTimeoutSeconds = try Key.drainTimeout.read(values)
        pollIntervalSeconds = try Key.awsPollInterval.read(values)
    }

    /// True when the calls go to an emulator (AWS_ENDPOINT_URL set) rather than to AWS.
    public var usesEmulator: Bool { endpointOverride != nil }

    /// The line to print when App Mesh is chosen against AWS itself, nil otherwise.
    public var discontinuedRouterWarning: String? {
        guard trafficRouter == .appmesh, !usesEmulator else { return nil }
        return "AWS discontinued App Mesh on 2026-09-30; TRAFFIC_ROUTER=alb is the supported router"
    }

    /// App Mesh's Envoy sidecar image: a tagged image reference.
    static func envoyImage(_ key: String, _ envoy: String) throws(ToolboxError) -> String {
        guard
            envoy.range(
                of: "^[a-z0-9][A-Za-z0-9._/-]*(:[A-Za-z0-9._-]+)?(@sha256:[0-9a-f]{64})?$",
                options: .regularExpression
            ) != nil,
            envoy.contains(":") || envoy.contains("@")
        else {
            throw .refused(
                "\(key) must be an image reference with a tag, like repository/envoy:v1.29.12.1-prod, got '\(envoy)'"
            )
        }
        return envoy
    }
}
