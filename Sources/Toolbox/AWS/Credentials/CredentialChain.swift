import Foundation
import ToolboxHTTP
import ToolboxSigV4

/// Providers asked in order; the first that has credentials wins, and its answer is kept until
/// it is about to expire.
public actor CredentialChain: AWSCredentialProvider {
    public let providers: [any AWSCredentialProvider]
    private let now: @Sendable () -> Date
    private var cached: AWSCredentials?

    public init(_ providers: [any AWSCredentialProvider], now: @escaping @Sendable () -> Date = { Date() }) {
        self.providers = providers
        self.now = now
    }

    /// The standard order: environment, shared profile files, ECS container endpoint, IMDSv2.
    /// `metadataTransport` should have short timeouts: off EC2 the IMDS address does not answer.
    public static func standard(
        environment: [String: String], files: AWSProfileFiles, metadataTransport: any HTTPTransport
    ) -> CredentialChain {
        CredentialChain([
            EnvironmentCredentialProvider(environment: environment),
            ProfileCredentialProvider(environment: environment, files: files),
            ContainerCredentialProvider(environment: environment, transport: metadataTransport),
            InstanceMetadataCredentialProvider(environment: environment, transport: metadataTransport),
        ])
    }

    public func credentials() async throws -> AWSCredentials? {
        if let cached, !cached.isExpiring(at: now()) { return cached }
        for provider in providers {
            if let found = try await provider.credentials() {
                cached = found
                return found
            }
        }
        return nil
    }

    /// Credentials or the one-line error that says what to set.
    public func require() async throws -> AWSCredentials {
        guard let found = try await credentials() else { throw AWSConfigurationError.noCredentials }
        return found
    }
}
