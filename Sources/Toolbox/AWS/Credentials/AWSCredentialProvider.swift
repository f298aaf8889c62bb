import Foundation
import ToolboxSigV4

/// One source of credentials. Answering nil means "not configured here": the chain asks the next one.
/// Throwing means "configured here but broken", which stops the chain with that error.
public protocol AWSCredentialProvider: Sendable {
    func credentials() async throws -> AWSCredentials?
}

/// AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN from the given environment.
public struct EnvironmentCredentialProvider: AWSCredentialProvider {
    public let environment: [String: String]

    public init(environment: [String: String]) { self.environment = environment }

    public func credentials() async throws -> AWSCredentials? {
        let key = environment["AWS_ACCESS_KEY_ID"] ?? ""
        let secret = environment["AWS_SECRET_ACCESS_KEY"] ?? ""
        if key.isEmpty && secret.isEmpty { return nil }
        guard !key.isEmpty, !secret.isEmpty else {
            throw AWSConfigurationError(
                "incomplete AWS credentials: set both AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY")
        }
        let token = environment["AWS_SESSION_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
        return AWSCredentials(accessKeyID: key, secretAccessKey: secret, sessionToken: token)
    }
}

/// Static keys of a named profile in the shared files (AWS_PROFILE, else "default").
public struct ProfileCredentialProvider: AWSCredentialProvider {
    public let profileName: String
    public let files: AWSProfileFiles
    /// Whether the profile was asked for by name (then a missing profile is an error, not a skip).
    public let isExplicit: Bool

    public init(environment: [String: String], files: AWSProfileFiles) {
        let named = environment["AWS_PROFILE"].flatMap { $0.isEmpty ? nil : $0 }
        self.profileName = named ?? "default"
        self.isExplicit = named != nil
        self.files = files
    }

    public func credentials() async throws -> AWSCredentials? {
        guard let profile = files.profile(profileName) else {
            if isExplicit {
                throw AWSConfigurationError(
                    "AWS_PROFILE=\(profileName) is not defined in ~/.aws/credentials or ~/.aws/config")
            }
            return nil
        }
        guard let key = profile["aws_access_key_id"], let secret = profile["aws_secret_access_key"] else {
            return nil
        }
        return AWSCredentials(accessKeyID: key, secretAccessKey: secret, sessionToken: profile["aws_session_token"])
    }
}
