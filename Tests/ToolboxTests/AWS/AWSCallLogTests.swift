import Foundation
import Synchronization
import Testing
import Toolbox

/// The debug log: one line per call, and nothing secret in it.
@Suite("AWS call log")
struct AWSCallLogTests {
    @Test func oneLinePerCallWithStatusDurationAndRetries() async throws {
        let lines = Mutex<[String]>([])
        let log = AWSCallLog(isEnabled: true) { line in lines.withLock { $0.append(line) } }
        let transport = RecordingTransport([
            .success(HTTPResponse(status: 503)),
            .success(HTTPResponse(status: 200, headers: [(name: "x-amzn-RequestId", value: "rid")], body: Array(#"{"clusterArns":[]}"#.utf8))),
        ])
        _ = try await ECS(client: testClient(endpoint: "http://127.0.0.1:1", transport: transport, log: log)).listClusters()
        let logged = lines.withLock { $0 }
        #expect(logged.count == 1)
        let line = try #require(logged.first)
        #expect(line.hasPrefix("aws ecs ListClusters status=200 duration="))
        #expect(line.hasSuffix("retries=1 request-id=rid"))
    }

    @Test func enabledByToolboxDebug() {
        #expect(AWSCallLog.fromEnvironment(["TOOLBOX_DEBUG": "1"]).isEnabled)
        #expect(!AWSCallLog.fromEnvironment(["TOOLBOX_DEBUG": "0"]).isEnabled)
        #expect(!AWSCallLog.fromEnvironment([:]).isEnabled)
    }

    @Test(arguments: [
        ("Authorization: AWS4-HMAC-SHA256 Credential=AK/x, Signature=abc", "Authorization: <redacted>"),
        (#"{"authorizationToken":"QVdTOnNlY3JldA==","proxyEndpoint":"https://r"}"#, #"{"authorizationToken":"<redacted>","proxyEndpoint":"https://r"}"#),
        ("X-Amz-Security-Token=tok123&Action=List", "X-Amz-Security-Token=<redacted>&Action=List"),
        ("<SecretAccessKey>s3cr3t</SecretAccessKey>", "<SecretAccessKey><redacted></SecretAccessKey>"),
        ("aws_secret_access_key = abc", "aws_secret_access_key = <redacted>"),
    ])
    func secretsAreRedacted(input: String, expected: String) {
        #expect(AWSCallLog.redacted(input) == expected)
    }
}
