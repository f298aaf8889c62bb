import Foundation
import ToolboxHTTP
import ToolboxSigV4

/// The JSON both the ECS container endpoint and IMDS answer with.
struct RemoteCredentialsDocument: Decodable {
    var AccessKeyId: String
    var SecretAccessKey: String
    var Token: String?
    var Expiration: String?

    func credentials() -> AWSCredentials {
        let expiration = Expiration.flatMap { try? Date($0, strategy: .iso8601) }
        return AWSCredentials(
            accessKeyID: AccessKeyId, secretAccessKey: SecretAccessKey, sessionToken: Token, expiration: expiration)
    }

    static func decode(_ response: HTTPResponse, source: String) throws -> AWSCredentials {
        guard response.status == 200, let document = try? JSONDecoder().decode(Self.self, from: Data(response.body))
        else {
            throw AWSConfigurationError("\(source) answered HTTP \(response.status) without usable credentials")
        }
        return document.credentials()
    }
}

/// The ECS (and EKS Pod Identity) container credentials endpoint, configured by
/// AWS_CONTAINER_CREDENTIALS_RELATIVE_URI or AWS_CONTAINER_CREDENTIALS_FULL_URI.
public struct ContainerCredentialProvider: AWSCredentialProvider {
    public let environment: [String: String]
    public let transport: any HTTPTransport
    /// Where relative URIs point; a parameter so tests can use a loopback server.
    public let relativeBase: String

    public init(
        environment: [String: String], transport: any HTTPTransport, relativeBase: String = "http://169.254.170.2"
    ) {
        self.environment = environment
        self.transport = transport
        self.relativeBase = relativeBase
    }

    public func credentials() async throws -> AWSCredentials? {
        let url: String
        if let relative = environment["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"], !relative.isEmpty {
            url = relativeBase + relative
        } else if let full = environment["AWS_CONTAINER_CREDENTIALS_FULL_URI"], !full.isEmpty {
            guard Self.isAllowedFullURI(full) else {
                throw AWSConfigurationError(
                    "AWS_CONTAINER_CREDENTIALS_FULL_URI must use https, or name a loopback address or the ECS/EKS container endpoint (169.254.170.2, 169.254.170.23, fd00:ec2::23), got \(full)"
                )
            }
            url = full
        } else {
            return nil
        }
        var headers: [(name: String, value: String)] = []
        if let tokenFile = environment["AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"],
            let token = try? String(contentsOfFile: tokenFile, encoding: .utf8)
        {
            headers.append((name: "Authorization", value: token.trimmingCharacters(in: .whitespacesAndNewlines)))
        } else if let token = environment["AWS_CONTAINER_AUTHORIZATION_TOKEN"] {
            headers.append((name: "Authorization", value: token))
        }
        let response = try await transport.send(HTTPRequest(method: "GET", url: url, headers: headers))
        return try RemoteCredentialsDocument.decode(response, source: "the container credentials endpoint")
    }
}

extension ContainerCredentialProvider {
    /// The AWS SDKs' rule: credentials (and the authorization token sent to fetch them) travel
    /// over https, or in the clear only to this host or the container agents' link-local addresses.
    static func isAllowedFullURI(_ text: String) -> Bool {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
            var host = components.host?.lowercased(), !host.isEmpty
        else { return false }
        if scheme == "https" { return true }
        guard scheme == "http" else { return false }
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        let containerAgents = ["169.254.170.2", "169.254.170.23", "fd00:ec2::23"]
        return containerAgents.contains(host) || host == "localhost" || host == "::1" || isIPv4Loopback(host)
    }

    private static func isIPv4Loopback(_ host: String) -> Bool {
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets[0] == "127"
            && octets.allSatisfy { !$0.isEmpty && $0.count <= 3 && $0.allSatisfy(\.isASCII) && UInt8($0) != nil }
    }
}

/// EC2's instance metadata service, version 2 (a session token first, then the role's credentials).
/// Off when AWS_EC2_METADATA_DISABLED=true; AWS_EC2_METADATA_SERVICE_ENDPOINT moves it.
public struct InstanceMetadataCredentialProvider: AWSCredentialProvider {
    public let environment: [String: String]
    public let transport: any HTTPTransport

    public init(environment: [String: String], transport: any HTTPTransport) {
        self.environment = environment
        self.transport = transport
    }

    public func credentials() async throws -> AWSCredentials? {
        if environment["AWS_EC2_METADATA_DISABLED"]?.lowercased() == "true" { return nil }
        var base = environment["AWS_EC2_METADATA_SERVICE_ENDPOINT"] ?? "http://169.254.169.254"
        while base.hasSuffix("/") { base.removeLast() }
        // Off EC2 nothing answers: that is "not configured here", not an error.
        guard
            let tokenResponse = try? await transport.send(
                HTTPRequest(
                    method: "PUT", url: base + "/latest/api/token",
                    headers: [(name: "X-aws-ec2-metadata-token-ttl-seconds", value: "21600")])),
            tokenResponse.status == 200
        else { return nil }
        let session = [(name: "X-aws-ec2-metadata-token", value: String(decoding: tokenResponse.body, as: UTF8.self))]
        let rolesURL = base + "/latest/meta-data/iam/security-credentials/"
        let roles = try await transport.send(HTTPRequest(method: "GET", url: rolesURL, headers: session))
        guard roles.status == 200,
            let role = String(decoding: roles.body, as: UTF8.self).split(whereSeparator: \.isNewline).first
        else { return nil }
        let response = try await transport.send(HTTPRequest(method: "GET", url: rolesURL + role, headers: session))
        return try RemoteCredentialsDocument.decode(response, source: "the instance metadata service")
    }
}
