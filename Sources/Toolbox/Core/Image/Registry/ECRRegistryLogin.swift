import ToolboxAWS

/// ECR as a registry: its endpoint and a login from GetAuthorizationToken (user "AWS" and a
/// 12-hour password), handed to `RegistryClient` as basic credentials. Never printed.
public struct ECRRegistryLogin: Sendable {
    public var endpoint: RegistryEndpoint
    public var credentials: RegistryCredentials

    /// Asks ECR for the account's registry login.
    public static func fetch(from ecr: ECR) async throws -> ECRRegistryLogin {
        let output = try await ecr.getAuthorizationToken()
        guard let data = output.authorizationData.first, let login = data.credentials else {
            throw ImageError("ECR returned no usable authorization token")
        }
        guard let proxyEndpoint = data.proxyEndpoint else {
            throw ImageError("ECR's authorization data names no registry endpoint")
        }
        return ECRRegistryLogin(
            endpoint: try RegistryEndpoint(parsing: proxyEndpoint),
            credentials: RegistryCredentials(username: login.user, password: login.password)
        )
    }
}
