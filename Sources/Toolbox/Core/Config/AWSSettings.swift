
/// Which traffic router the aws target builds: an internal ALB (the default, and the only one
/// AWS still offers) or App Mesh (discontinued on 2026-09-30; kept for teams moving off it).
public enum TrafficRouterKind: String, Sendable {
    case appmesh
    case alb
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
    /// Images to deploy instead of the project's ECR repositories (SERVER_IMAGE, CLIENT_IMAGE).
    public var serverImage: String?
    public var clientImage: String?
    /// Seconds a retired revision's tasks get to stop after their task set is scaled to zero.
    public var drainTimeoutSeconds: Double

    public init(_ values: [String: String]) throws(ToolboxError) {
        let read = SettingsReader(values: values)
        let regionText = values["AWS_REGION"].flatMap { $0.isEmpty ? nil : $0 } ?? values["AWS_DEFAULT_REGION"] ?? ""
        guard !regionText.isEmpty else {
            throw .refused("AWS_DEFAULT_REGION is not set; name the region to deploy to, like ap-northeast-1")
        }
        guard regionText.range(of: "^[a-z]{2}(-gov)?-[a-z]+-[0-9]$", options: .regularExpression) != nil else {
            throw .refused("AWS_DEFAULT_REGION must be a region name like ap-northeast-1, got '\(regionText)'")
        }
        region = regionText
        let account = values["AWS_ACCOUNT_ID"] ?? ""
        guard !account.isEmpty else { throw .refused("AWS_ACCOUNT_ID is not set; it is your 12-digit account id") }
        guard account.range(of: "^[0-9]{12}$", options: .regularExpression) != nil else {
            throw .refused("AWS_ACCOUNT_ID must be 12 digits, got '\(account)'")
        }
        accountID = account
        keyPair = try Self.optionalName("KEY_PAIR", values["KEY_PAIR"], pattern: "^[A-Za-z0-9 ._-]{1,255}$")
        bastionImage = try Self.optionalName("BASTION_AMI", values["BASTION_AMI"], pattern: "^ami-[0-9a-f]{8,17}$")
        if keyPair != nil, bastionImage == nil {
            throw .refused(
                "BASTION_AMI is not set; with KEY_PAIR the toolbox starts a bastion and needs its image id (ami-...)"
            )
        }
        let router = read.string("TRAFFIC_ROUTER", default: "alb")
        guard let kind = TrafficRouterKind(rawValue: router) else {
            throw .refused("TRAFFIC_ROUTER must be alb or appmesh, got '\(router)'")
        }
        trafficRouter = kind
        envoyImage = kind == .appmesh ? try Self.envoyImage(values["ENVOY_IMAGE"]) : ""
        switch values["ALLOW_DIRTY"] ?? "" {
        case "", "0": allowDirty = false
        case "1": allowDirty = true
        case let other: throw .refused("ALLOW_DIRTY must be 1 or 0, got '\(other)'")
        }
        serverImage = try Self.imageReference("SERVER_IMAGE", values["SERVER_IMAGE"])
        clientImage = try Self.imageReference("CLIENT_IMAGE", values["CLIENT_IMAGE"])
        endpointOverride = values["AWS_ENDPOINT_URL"].flatMap { $0.isEmpty ? nil : $0 }
        drainTimeoutSeconds = try read.seconds("DRAIN_TIMEOUT", default: 30)
    }

    /// True when the calls go to an emulator (AWS_ENDPOINT_URL set) rather than to AWS.
    public var usesEmulator: Bool { endpointOverride != nil }

    /// The line to print when App Mesh is chosen against AWS itself, nil otherwise.
    public var discontinuedRouterWarning: String? {
        guard trafficRouter == .appmesh, !usesEmulator else { return nil }
        return "AWS discontinued App Mesh on 2026-09-30; TRAFFIC_ROUTER=alb is the supported router"
    }

    /// App Mesh's Envoy sidecar image: required with appmesh, a tagged image reference.
    private static func envoyImage(_ value: String?) throws(ToolboxError) -> String {
        let envoy = value ?? ""
        guard !envoy.isEmpty else {
            throw .refused("ENVOY_IMAGE is not set; .env-sample names the App Mesh Envoy image to use")
        }
        guard
            envoy.range(
                of: "^[a-z0-9][A-Za-z0-9._/-]*(:[A-Za-z0-9._-]+)?(@sha256:[0-9a-f]{64})?$",
                options: .regularExpression
            ) != nil,
            envoy.contains(":") || envoy.contains("@")
        else {
            throw .refused(
                "ENVOY_IMAGE must be an image reference with a tag, like repository/envoy:v1.29.12.1-prod, got '\(envoy)'"
            )
        }
        return envoy
    }

    private static func imageReference(_ key: String, _ value: String?) throws(ToolboxError) -> String? {
        guard let value, !value.isEmpty else { return nil }
        guard !value.contains(where: \.isWhitespace), value.contains(":") || value.contains("@") else {
            throw .refused("\(key) must be an image reference with a tag, got '\(value)'")
        }
        return value
    }

    private static func optionalName(_ key: String, _ value: String?, pattern: String) throws(ToolboxError) -> String? {
        guard let value, !value.isEmpty else { return nil }
        guard value.range(of: pattern, options: .regularExpression) != nil else {
            throw .refused("\(key) is not a valid name: '\(value)'")
        }
        return value
    }
}
