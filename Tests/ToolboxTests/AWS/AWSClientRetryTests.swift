import Foundation
import Synchronization
import Testing
import Toolbox

/// Retries in the standard mode, against a loopback server of the test's own (real HTTP, real curl).
@Suite("AWS client retries")
struct AWSClientRetryTests {
    static let ecsOK = ScriptedAnswer(status: 200, body: #"{"clusterArns":["arn:aws:ecs:us-east-1:1:cluster/a"]}"#)

    @Test func throttlingThenServerErrorThenSuccess() async throws {
        let script = [
            "POST /": [
                ScriptedAnswer(status: 400, body: #"{"__type":"ThrottlingException","message":"Rate exceeded"}"#),
                ScriptedAnswer(status: 503, body: ""),
                Self.ecsOK,
            ]
        ]
        try await withScriptedServer(script) { endpoint in
            let delays = Mutex<[Duration]>([])
            let client = AWSClient(
                configuration: AWSConfiguration(region: "us-east-1", globalEndpoint: endpoint),
                credentials: StaticCredentials.testing, transport: CurlTransport(),
                retryPolicy: RetryPolicy(random: { 0.5 }, sleep: { delay in delays.withLock { $0.append(delay) } }))
            let output = try await ECS(client: client).listClusters()
            #expect(output.clusterArns == ["arn:aws:ecs:us-east-1:1:cluster/a"])
            // Full jitter with random 0.5: half of 1 s, then half of 2 s.
            #expect(delays.withLock { $0 } == [.milliseconds(500), .seconds(1)])
        }
    }

    @Test func givesUpAfterThreeAttempts() async throws {
        try await withScriptedServer(["POST /": [ScriptedAnswer(status: 500, body: #"{"__type":"InternalError"}"#)]]) {
            endpoint in
            let error = await #expect(throws: AWSError.self) {
                _ = try await ECS(client: testClient(endpoint: endpoint)).listClusters()
            }
            #expect(error?.attempts == 3)
            #expect(error?.code == "InternalError")
        }
    }

    @Test func clientErrorsAreNotRetried() async throws {
        let body = #"{"__type":"ClientException","message":"bad family"}"#
        try await withScriptedServer(["POST /": [ScriptedAnswer(status: 400, body: body), Self.ecsOK]]) { endpoint in
            let error = await #expect(throws: AWSError.self) {
                _ = try await ECS(client: testClient(endpoint: endpoint)).listClusters()
            }
            #expect(error?.attempts == 1)
            #expect(error?.description == "ecs ListClusters failed: ClientException: bad family (HTTP 400)")
        }
    }

    @Test func connectionFailuresAreRetriedThenReported() async throws {
        let port = try LoopbackProcess.freePort()
        let error = await #expect(throws: AWSError.self) {
            _ = try await ECS(client: testClient(endpoint: "http://127.0.0.1:\(port)")).listClusters()
        }
        #expect(error?.code == "TransportFailure")
        #expect(error?.attempts == 3)
    }

    @Test func retriedCreateKeepsItsClientToken() async throws {
        let transport = RecordingTransport([
            .success(HTTPResponse(status: 503)),
            .success(HTTPResponse(status: 200, body: Array(#"{"service":{"serviceArn":"a","serviceName":"s"}}"#.utf8))),
        ])
        let ecs = ECS(client: testClient(endpoint: "http://127.0.0.1:1", transport: transport))
        _ = try await ecs.createService(.init(cluster: "c", serviceName: "s"))
        let tokens = try transport.requests.map { request in
            try JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any]
        }.map { $0?["clientToken"] as? String }
        #expect(tokens.count == 2)
        #expect(tokens[0] != nil && tokens[0] == tokens[1])
    }

    @Test func backoffIsCappedAndJittered() {
        let policy = RetryPolicy(maxAttempts: 10, random: { 0.999 })
        #expect(policy.backoff(afterAttempt: 1) < .seconds(1))
        #expect(policy.backoff(afterAttempt: 9) <= .seconds(20))
        #expect(RetryPolicy(random: { 0 }).backoff(afterAttempt: 3) == .zero)
    }
}
