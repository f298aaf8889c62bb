import Foundation
import Testing
import Toolbox

/// Region, endpoints and the credential chain, from values (the process environment is never touched).
@Suite("AWS configuration and credentials")
struct AWSConfigurationTests {
    static let noFiles = AWSProfileFiles(profiles: [:])

    /// A home directory with the given ~/.aws files, removed afterwards.
    func withHome<T>(config: String = "", credentials: String = "", _ body: (String) async throws -> T) async throws -> T {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("aws-home-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home.appendingPathComponent(".aws"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: home) }
        try config.write(to: home.appendingPathComponent(".aws/config"), atomically: true, encoding: .utf8)
        try credentials.write(to: home.appendingPathComponent(".aws/credentials"), atomically: true, encoding: .utf8)
        return try await body(home.path)
    }

    @Test func regionComesFromAWSRegionThenDefaultRegionThenProfile() throws {
        let files = AWSProfileFiles(profiles: ["default": ["region": "eu-north-1"]])
        #expect(try AWSConfiguration.resolve(environment: ["AWS_REGION": "a", "AWS_DEFAULT_REGION": "b"], files: files).region == "a")
        #expect(try AWSConfiguration.resolve(environment: ["AWS_DEFAULT_REGION": "b"], files: files).region == "b")
        #expect(try AWSConfiguration.resolve(environment: [:], files: files).region == "eu-north-1")
    }

    @Test func missingRegionIsOneLineNamingWhatToSet() {
        let error = #expect(throws: AWSConfigurationError.self) {
            try AWSClient.fromEnvironment(["AWS_ACCESS_KEY_ID": "a", "AWS_SECRET_ACCESS_KEY": "b"], homeDirectory: "/nonexistent")
        }
        #expect(error?.description.contains("set AWS_REGION") == true)
        #expect(error?.description.contains("\n") == false)
    }

    @Test func endpointsFollowTheSDKVariables() throws {
        let environment = [
            "AWS_REGION": "eu-west-1", "AWS_ENDPOINT_URL": "http://127.0.0.1:5000/",
            "AWS_ENDPOINT_URL_ECS": "http://127.0.0.1:6000",
        ]
        let configuration = try AWSConfiguration.resolve(environment: environment, files: Self.noFiles)
        #expect(configuration.endpoint(for: ECS.service).url == "http://127.0.0.1:6000")
        #expect(configuration.endpoint(for: ECR.service).url == "http://127.0.0.1:5000")
        let real = try AWSConfiguration.resolve(environment: ["AWS_REGION": "eu-west-1"], files: Self.noFiles)
        #expect(real.endpoint(for: ECS.service).url == "https://ecs.eu-west-1.amazonaws.com")
        #expect(real.endpoint(for: ECR.service).url == "https://api.ecr.eu-west-1.amazonaws.com")
        #expect(real.endpoint(for: IAM.service) == ("https://iam.amazonaws.com", "us-east-1"))
        let ignored = try AWSConfiguration.resolve(
            environment: environment.merging(["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "true"]) { $1 }, files: Self.noFiles)
        #expect(ignored.endpoint(for: ECS.service).url == "https://ecs.eu-west-1.amazonaws.com")
    }

    @Test func environmentCredentialsWinAndHalfSetIsAnError() async throws {
        let found = try await EnvironmentCredentialProvider(
            environment: ["AWS_ACCESS_KEY_ID": "AK", "AWS_SECRET_ACCESS_KEY": "SK", "AWS_SESSION_TOKEN": "T"]
        ).credentials()
        #expect(found == AWSCredentials(accessKeyID: "AK", secretAccessKey: "SK", sessionToken: "T"))
        await #expect(throws: AWSConfigurationError.self) {
            _ = try await EnvironmentCredentialProvider(environment: ["AWS_ACCESS_KEY_ID": "AK"]).credentials()
        }
    }

    @Test func profileFilesGiveCredentialsAndRegion() async throws {
        let config = """
            [default]
            region = us-west-2
            [profile dev]
            region = eu-central-1 
            s3 =
              max_concurrent_requests = 4
            [sso-session corp]
            region = nowhere
            """
        let credentials = """
            # comment
            [default]
            aws_access_key_id = DEFAULTKEY
            aws_secret_access_key = defaultsecret
            [dev]
            aws_access_key_id=DEVKEY
            aws_secret_access_key=devsecret
            aws_session_token=devtoken
            """
        try await withHome(config: config, credentials: credentials) { home in
            let environment = ["AWS_PROFILE": "dev"]
            let files = AWSProfileFiles.load(environment: environment, homeDirectory: home)
            let found = try await ProfileCredentialProvider(environment: environment, files: files).credentials()
            #expect(found == AWSCredentials(accessKeyID: "DEVKEY", secretAccessKey: "devsecret", sessionToken: "devtoken"))
            #expect(try AWSConfiguration.resolve(environment: environment, files: files).region == "eu-central-1")
            #expect(files.profile("corp") == nil)
            let fallback = try await ProfileCredentialProvider(environment: [:], files: files).credentials()
            #expect(fallback?.accessKeyID == "DEFAULTKEY")
            await #expect(throws: AWSConfigurationError.self) {
                _ = try await ProfileCredentialProvider(environment: ["AWS_PROFILE": "missing"], files: files).credentials()
            }
        }
    }

    @Test func emptyChainSaysWhatToSet() async throws {
        let chain = CredentialChain.standard(
            environment: ["AWS_EC2_METADATA_DISABLED": "true"], files: Self.noFiles, metadataTransport: RecordingTransport(body: ""))
        let error = await #expect(throws: AWSConfigurationError.self) { _ = try await chain.require() }
        #expect(error?.description.hasPrefix("no AWS credentials found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY") == true)
    }

    static let remoteCredentials = #"{"AccessKeyId":"ASIAREMOTE","SecretAccessKey":"remote","Token":"tok","Expiration":"2099-01-01T00:00:00Z"}"#

    @Test func containerEndpointIsAskedWithItsAuthorizationToken() async throws {
        try await withScriptedServer(["GET /creds": [ScriptedAnswer(status: 200, body: Self.remoteCredentials)]]) { endpoint in
            let provider = ContainerCredentialProvider(
                environment: ["AWS_CONTAINER_CREDENTIALS_FULL_URI": endpoint + "/creds", "AWS_CONTAINER_AUTHORIZATION_TOKEN": "x"],
                transport: CurlTransport())
            let found = try #require(try await provider.credentials())
            #expect(found.accessKeyID == "ASIAREMOTE" && found.sessionToken == "tok")
            #expect(found.expiration == Date(timeIntervalSince1970: 4_070_908_800))
        }
    }

    @Test func instanceMetadataV2TokenThenRoleThenCredentials() async throws {
        let script = [
            "PUT /latest/api/token": [ScriptedAnswer(status: 200, body: "session-token")],
            "GET /latest/meta-data/iam/security-credentials/": [ScriptedAnswer(status: 200, body: "task-role\n")],
            "GET /latest/meta-data/iam/security-credentials/task-role": [ScriptedAnswer(status: 200, body: Self.remoteCredentials)],
        ]
        try await withScriptedServer(script) { (endpoint: String) async throws in
            let provider = InstanceMetadataCredentialProvider(
                environment: ["AWS_EC2_METADATA_SERVICE_ENDPOINT": endpoint], transport: CurlTransport())
            let found = try await provider.credentials()
            #expect(found?.accessKeyID == "ASIAREMOTE")
            let disabled = InstanceMetadataCredentialProvider(
                environment: ["AWS_EC2_METADATA_SERVICE_ENDPOINT": endpoint, "AWS_EC2_METADATA_DISABLED": "true"],
                transport: CurlTransport())
            let none = try await disabled.credentials()
            #expect(none == nil)
        }
    }

    @Test func wrongCredentialsGiveAClearError() async throws {
        let body = #"{"__type":"UnrecognizedClientException","message":"The security token included in the request is invalid."}"#
        try await withScriptedServer(["POST /": [ScriptedAnswer(status: 403, body: body)]]) { endpoint in
            let error = await #expect(throws: AWSError.self) {
                _ = try await ECS(client: testClient(endpoint: endpoint)).listClusters()
            }
            #expect(
                error?.description
                    == "ecs ListClusters failed: UnrecognizedClientException: The security token included in the request is invalid. (HTTP 403)"
            )
        }
    }

    @Test func credentialsNeverPrintTheirSecret() {
        let text = "\(AWSCredentials(accessKeyID: "AK", secretAccessKey: "SUPERSECRET", sessionToken: "TOKEN"))"
        #expect(!text.contains("SUPERSECRET") && !text.contains("TOKEN"))
    }
}
