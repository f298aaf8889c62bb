import Foundation
import Testing
import Toolbox

/// Request encoding and response and error decoding of the four wire protocols, over a fake transport.
@Suite("AWS wire protocols")
struct AWSProtocolTests {
    static let jsonService = AWSService(name: "demo", endpointVariableID: "DEMO", wireProtocol: .json(targetPrefix: "Demo_2020"))
    static let restService = AWSService(name: "rest", endpointVariableID: "REST", wireProtocol: .restJSON)
    static let queryService = AWSService(name: "query", endpointVariableID: "QUERY", wireProtocol: .query(apiVersion: "2015-12-01"))
    static let ec2Service = AWSService(name: "ec2", endpointVariableID: "EC2", wireProtocol: .ec2Query(apiVersion: "2016-11-15"))

    struct Item: Codable, Equatable { var Name: String; var Values: [String]? }
    struct QueryInput: Encodable { var Names: [String]; var Enabled: Bool; var Count: Int; var Item: Item?; var Empty: [String] }
    struct QueryOutput: Decodable { var Things: [Item]; var NextMarker: String? }

    @Test func jsonRequestCarriesTargetAndContentType() async throws {
        let transport = RecordingTransport(body: #"{"value":"ok","when":1700000000.5}"#)
        struct Output: Decodable { var value: String; var when: Date }
        let output: Output = try await testClient(endpoint: "http://127.0.0.1:1", transport: transport)
            .json(Self.jsonService, "DoThing", ["name": "x"])
        #expect(output.value == "ok")
        #expect(output.when == Date(timeIntervalSince1970: 1_700_000_000.5))
        let request = try #require(transport.requests.first)
        #expect(request.method == "POST" && request.url == "http://127.0.0.1:1/")
        #expect(request.header("X-Amz-Target") == "Demo_2020.DoThing")
        #expect(request.header("Content-Type") == "application/x-amz-json-1.1")
        #expect(request.bodyText == #"{"name":"x"}"#)
        #expect(request.header("Authorization")?.contains("/us-east-1/demo/aws4_request") == true)
    }

    @Test func restJSONPutsOperationInMethodPathAndQuery() async throws {
        let transport = RecordingTransport(body: #"{"done":true}"#)
        struct Output: Decodable { var done: Bool }
        let output: Output = try await testClient(endpoint: "http://127.0.0.1:1", transport: transport)
            .restJSON(Self.restService, "PutThing", method: "PUT", path: "/v1/things/a%20b", query: [("owner", "me you")], body: ["k": 1])
        #expect(output.done)
        let request = try #require(transport.requests.first)
        #expect(request.method == "PUT")
        #expect(request.url == "http://127.0.0.1:1/v1/things/a%20b?owner=me%20you")
        #expect(request.bodyText == #"{"k":1}"#)
    }

    @Test func queryFlattensListsWithMemberAndDecodesResult() async throws {
        let xml = """
            <DoThingResponse xmlns="https://example.com/doc/2015-12-01/">
              <DoThingResult>
                <Things><member><Name>a</Name><Values><member>1</member><member>2</member></Values></member>
                <member><Name>b &amp; c</Name><Values/></member></Things>
              </DoThingResult>
              <ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata>
            </DoThingResponse>
            """
        let transport = RecordingTransport(body: xml)
        let input = QueryInput(Names: ["x", "y z"], Enabled: true, Count: 3, Item: Item(Name: "n", Values: ["v"]), Empty: [])
        let output: QueryOutput = try await testClient(endpoint: "http://127.0.0.1:1", transport: transport)
            .query(Self.queryService, "DoThing", input)
        #expect(output.Things == [Item(Name: "a", Values: ["1", "2"]), Item(Name: "b & c", Values: [])])
        #expect(output.NextMarker == nil)
        #expect(
            transport.requests.first?.bodyText
                == "Action=DoThing&Version=2015-12-01&Count=3&Empty=&Enabled=true&Item.Name=n&Item.Values.member.1=v"
                + "&Names.member.1=x&Names.member.2=y%20z")
    }

    @Test func ec2QueryNumbersListsAndDecodesItems() async throws {
        let xml = """
            <DoThingResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r</requestId>
            <thingSet><item><Name>a</Name></item></thingSet></DoThingResponse>
            """
        struct Output: Decodable { var thingSet: [Item] }
        let transport = RecordingTransport(body: xml)
        struct Input: Encodable { var Filter: [Item] }
        let output: Output = try await testClient(endpoint: "http://127.0.0.1:1", transport: transport)
            .query(Self.ec2Service, "DoThing", Input(Filter: [Item(Name: "tag:p", Values: ["a", "b"])]))
        #expect(output.thingSet == [Item(Name: "a", Values: nil)])
        #expect(
            transport.requests.first?.bodyText
                == "Action=DoThing&Version=2016-11-15&Filter.1.Name=tag%3Ap&Filter.1.Values.1=a&Filter.1.Values.2=b")
    }

    struct ErrorCase: Sendable, CustomTestStringConvertible {
        var name: String
        var status: Int
        var headers: [(name: String, value: String)] = []
        var body: String
        var code: String
        var message: String
        var requestID: String?
        var testDescription: String { name }
    }

    static let errorCases: [ErrorCase] = [
        ErrorCase(
            name: "JSON __type with namespace prefix", status: 400,
            headers: [(name: "x-amzn-RequestId", value: "req-1")],
            body: #"{"__type":"com.amazonaws.ecs#ClusterNotFoundException","message":"Cluster not found."}"#,
            code: "ClusterNotFoundException", message: "Cluster not found.", requestID: "req-1"),
        ErrorCase(
            name: "JSON __type without prefix, capitalised Message", status: 400,
            body: #"{"__type":"ThrottlingException","Message":"Rate exceeded"}"#, code: "ThrottlingException",
            message: "Rate exceeded"),
        ErrorCase(
            name: "x-amzn-errortype header with URL suffix", status: 404,
            headers: [(name: "x-amzn-ErrorType", value: "NotFoundException:http://internal.amazon.com/coral/com.amazonaws.appmesh/")],
            body: #"{"message":"Mesh missing"}"#, code: "NotFoundException", message: "Mesh missing"),
        ErrorCase(
            name: "Query ErrorResponse", status: 400,
            body: """
                <ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type>
                <Code>NoSuchEntity</Code><Message>The role x cannot be found.</Message></Error>
                <RequestId>q-9</RequestId></ErrorResponse>
                """, code: "NoSuchEntity", message: "The role x cannot be found.", requestID: "q-9"),
        ErrorCase(
            name: "EC2 Response Errors", status: 400,
            body: """
                <?xml version="1.0" encoding="UTF-8"?><Response><Errors><Error><Code>InvalidVpcID.NotFound</Code>
                <Message>The vpc ID 'vpc-1' does not exist</Message></Error></Errors><RequestID>e-3</RequestID></Response>
                """, code: "InvalidVpcID.NotFound", message: "The vpc ID 'vpc-1' does not exist", requestID: "e-3"),
        ErrorCase(
            name: "bare 500 without a body", status: 500, body: "", code: "InternalFailure",
            message: ""),
    ]

    @Test(arguments: errorCases)
    func errorsDecodeIntoTypedValues(_ errorCase: ErrorCase) async throws {
        let transport = RecordingTransport(status: errorCase.status, body: errorCase.body, headers: errorCase.headers)
        let client = testClient(endpoint: "http://127.0.0.1:1", transport: transport)
        let error = await #expect(throws: AWSError.self) {
            let _: AWSEmptyOutput = try await client.json(Self.jsonService, "Op", AWSEmptyInput())
        }
        #expect(error?.code == errorCase.code)
        #expect(error?.message == errorCase.message)
        #expect(error?.requestID == errorCase.requestID)
        #expect(error?.status == errorCase.status)
        #expect(error?.description.contains("\n") == false)
    }

    @Test func errorDescriptionIsOneReadableLine() {
        let error = AWSError(
            service: "ecs", operation: "CreateService", code: "ClusterNotFoundException", message: "Cluster\nnot found.",
            requestID: "abc", status: 400, attempts: 3)
        #expect(
            error.description
                == "ecs CreateService failed: ClusterNotFoundException: Cluster not found. (HTTP 400, 3 attempts, request id abc)")
    }
}
