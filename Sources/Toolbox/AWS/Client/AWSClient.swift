import Foundation
import ToolboxHTTP
import ToolboxSigV4

/// Makes signed AWS calls: the one place where endpoint, credentials, signing, retries, error
/// decoding and logging meet. Service files (ECS, EC2, ...) build on it through the protocol helpers.
///
/// A call goes, in this order:
/// 1. the protocol helper encodes the operation's input into an unsigned `HTTPRequest`;
/// 2. `send` resolves credentials (cached by the chain) and signs with the current time;
/// 3. the transport sends it; a 2xx answer is returned to the helper, which decodes the output;
/// 4. otherwise the protocol's error decoder makes an `AWSError`, and the retry policy (attempts
///    left, a retryable error, tokens in the retry quota) decides whether to back off and go to
///    step 2 (a fresh signature) or to throw;
/// 5. one debug line records the call.
public final class AWSClient: Sendable {
    public let configuration: AWSConfiguration
    public let credentials: any AWSCredentialProvider
    public let transport: any HTTPTransport
    public let retryPolicy: RetryPolicy
    public let log: AWSCallLog
    /// The signing time; injected so tests sign reproducibly.
    public let now: @Sendable () -> Date

    public init(
        configuration: AWSConfiguration, credentials: any AWSCredentialProvider, transport: any HTTPTransport,
        retryPolicy: RetryPolicy = RetryPolicy(), log: AWSCallLog = .disabled,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.configuration = configuration
        self.credentials = credentials
        self.transport = transport
        self.retryPolicy = retryPolicy
        self.log = log
        self.now = now
    }

    /// A client configured as the AWS CLI would be from `environment` and `homeDirectory`:
    /// region and endpoints, the standard credential chain, AWS_CA_BUNDLE, TOOLBOX_DEBUG.
    /// `debugLog` true (a `--verbose` flag) turns the call log on whatever TOOLBOX_DEBUG says.
    /// Throws the one-line error naming what to set when no region is configured.
    public static func fromEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment,
        homeDirectory: String = NSHomeDirectory(), debugLog: Bool = false
    ) throws -> AWSClient {
        let files = AWSProfileFiles.load(environment: environment, homeDirectory: homeDirectory)
        let configuration = try AWSConfiguration.resolve(environment: environment, files: files)
        var metadataOptions = CurlTransport.Options.fromEnvironment(environment)
        metadataOptions.connectTimeout = .seconds(1)
        metadataOptions.totalTimeout = .seconds(3)
        let chain = CredentialChain.standard(
            environment: environment, files: files, metadataTransport: CurlTransport(options: metadataOptions))
        return AWSClient(
            configuration: configuration, credentials: chain,
            transport: CurlTransport(options: .fromEnvironment(environment)),
            log: debugLog ? AWSCallLog(isEnabled: true) : .fromEnvironment(environment))
    }

    /// Signs and sends `request` (whose URL is relative to the service's endpoint, starting with "/"),
    /// retrying as the policy allows; returns the 2xx response or throws `AWSError`.
    public func send(_ request: HTTPRequest, service: AWSService, operation: String) async throws -> HTTPResponse {
        let started = ContinuousClock.now
        let endpoint = configuration.endpoint(for: service)
        var request = request
        request.url = endpoint.url + request.url
        // As the SDKs do: names the caller in AWS's logs (and in the emulator's contract log).
        if !request.headers.contains(where: { $0.name.lowercased() == "user-agent" }) {
            request.headers.append((name: "User-Agent", value: Self.userAgent))
        }
        var attempt = 0
        var retryTokensSpent = 0
        while true {
            attempt += 1
            let failure: AWSError
            var timedOut = false
            guard let credentials = try await self.credentials.credentials() else {
                throw AWSConfigurationError.noCredentials
            }
            let signed = SigV4Signer.sign(
                request, credentials: credentials, region: endpoint.signingRegion, service: service.signingName,
                date: now()
            ).signedRequest
            do {
                let response = try await transport.send(signed)
                if (200..<300).contains(response.status) {
                    retryPolicy.quota.recordSuccess(spent: retryTokensSpent)
                    log.record(
                        service: service.name, operation: operation, status: response.status,
                        duration: ContinuousClock.now - started, attempts: attempt, requestID: Self.requestID(response))
                    return response
                }
                failure = AWSErrorDecoder.decode(response, service: service, operation: operation)
            } catch let error as HTTPTransportError {
                timedOut = error.kind == .timeout
                // Only "TransportFailure" is retryable: a TLS or URL problem does not heal by itself.
                failure = AWSError(
                    service: service.name, operation: operation,
                    code: error.isTransient ? "TransportFailure" : "TransportError", message: error.description,
                    status: 0)
            }
            if attempt < retryPolicy.maxAttempts, retryPolicy.isRetryable(failure),
                let cost = retryPolicy.quota.acquireRetry(afterTimeout: timedOut)
            {
                retryTokensSpent += cost
                try await retryPolicy.sleep(retryPolicy.backoff(afterAttempt: attempt))
                continue
            }
            var final = failure
            final.attempts = attempt
            log.record(
                service: service.name, operation: operation, status: final.status,
                duration: ContinuousClock.now - started, attempts: attempt, requestID: final.requestID,
                error: final.description)
            throw final
        }
    }

    static let userAgent = "echo-toolbox"

    static func requestID(_ response: HTTPResponse) -> String? {
        response.header("x-amzn-RequestId") ?? response.header("x-amz-request-id")
    }
}
