
/// How a service is reached and spoken to: data, not code (one value per service file).
public struct AWSService: Sendable, Equatable {
    /// The wire protocol and its parameters.
    public enum WireProtocol: Sendable, Equatable {
        /// POST `/` with `X-Amz-Target: <targetPrefix>.<Operation>` and a JSON body.
        case json(targetPrefix: String)
        /// Operations are HTTP methods on resource paths, JSON bodies.
        case restJSON
        /// Form-encoded `Action=...&Version=...`, XML answers with `<member>` lists.
        case query(apiVersion: String)
        /// EC2's dialect of Query: numbered lists without `member`, XML answers with `<item>` lists.
        case ec2Query(apiVersion: String)
    }

    /// Short name for logs and errors: "ecs", "servicediscovery".
    public var name: String
    /// The service name in the credential scope (ECR signs as "ecr").
    public var signingName: String
    /// The first label of the AWS host name (ECR's API lives at "api.ecr").
    public var hostPrefix: String
    /// The suffix of the service's `AWS_ENDPOINT_URL_<ID>` variable, from its SDK service id.
    public var endpointVariableID: String
    public var wireProtocol: WireProtocol
    /// Global services (IAM) have one endpoint and sign for one region whatever the client's region.
    public var globalEndpoint: (host: String, region: String)?

    public init(
        name: String, signingName: String? = nil, hostPrefix: String? = nil, endpointVariableID: String,
        wireProtocol: WireProtocol, globalEndpoint: (host: String, region: String)? = nil
    ) {
        self.name = name
        self.signingName = signingName ?? name
        self.hostPrefix = hostPrefix ?? name
        self.endpointVariableID = endpointVariableID
        self.wireProtocol = wireProtocol
        self.globalEndpoint = globalEndpoint
    }

    public static func == (lhs: AWSService, rhs: AWSService) -> Bool {
        lhs.name == rhs.name && lhs.signingName == rhs.signingName && lhs.hostPrefix == rhs.hostPrefix
            && lhs.endpointVariableID == rhs.endpointVariableID && lhs.wireProtocol == rhs.wireProtocol
            && lhs.globalEndpoint?.host == rhs.globalEndpoint?.host
            && lhs.globalEndpoint?.region == rhs.globalEndpoint?.region
    }
}
