import Foundation
import Testing
import Toolbox

/// The signer against botocore's: a few hundred generated requests, signed by both, compared
/// stage by stage (canonical request, string to sign, signature).
@Suite("SigV4 signer versus botocore")
struct AWSSigV4DifferentialTests {
    /// One generated request, in the JSON shape scripts/aws-sign-reference.py reads.
    struct Case: Codable {
        var method: String
        var url: String
        var headers: [[String]]
        var body_base64: String
        var access_key: String
        var secret_key: String
        var session_token: String?
        var region: String
        var service: String
        var epoch: Int
    }

    struct Reference: Codable {
        var canonical_request: String
        var string_to_sign: String
        var signature: String
    }

    static func generateCases(count: Int, seed: UInt64) -> [Case] {
        var random = SeededGenerator(seed: seed)
        let methods = ["GET", "POST", "PUT", "DELETE", "HEAD", "PATCH"]
        let services = [
            ("ecs", "ecs"), ("ecr", "api.ecr"), ("servicediscovery", "servicediscovery"), ("logs", "logs"),
            ("appmesh", "appmesh"), ("elasticloadbalancing", "elasticloadbalancing"), ("iam", "iam"),
            ("sts", "sts"), ("ec2", "ec2"), ("acm", "acm"),
        ]
        let regions = ["us-east-1", "eu-west-1", "ap-northeast-1", "us-gov-west-1"]
        let segments = [
            "v20190125", "meshes", "my mesh", "a+b", "c=d", "é", "日本", "~user", "-_.", "%", "semi;colon", "comma,",
            "colon:", "at@", "$dollar", "q?", "hash#", ".", "..", "", "Virtual Node",
        ]
        let queryKeys = ["Action", "Version", "a", "A", "b", "z", "with space", "ü", "key*", "x~y", "Marker"]
        let queryValues = ["1", "", "value", "two words", "ç", "a/b", "a+b", "=", "&", "~", "*"]
        let headerNames = [
            "Content-Type", "X-Amz-Target", "x-amz-meta-Thing", "My-Header", "my-header", "X-Custom", "User-Agent",
            "Expect", "Accept", "X-Amzn-Trace-Id", "Content-Length",
        ]
        let headerValues = [
            "application/x-amz-json-1.1", "  padded  ", "a   b\tc", "line1\n  line2", "value", "", "x,y",
            "AmazonEC2ContainerServiceV20141113.ListClusters", "100-continue",
        ]
        func pick<T>(_ list: [T]) -> T { list[Int.random(in: 0..<list.count, using: &random)] }

        return (0..<count).map { _ in
            let (service, hostPrefix) = pick(services)
            let region = pick(regions)
            let host: String
            switch Int.random(in: 0..<4, using: &random) {
            case 0: host = "http://127.0.0.1:\(Int.random(in: 1024..<65535, using: &random))"
            case 1: host = "https://\(hostPrefix).\(region).amazonaws.com:443"
            case 2: host = "HTTPS://\(hostPrefix.uppercased()).\(region).amazonaws.com"
            default: host = "https://\(hostPrefix).\(region).amazonaws.com"
            }
            var path = ""
            for _ in 0..<Int.random(in: 0..<5, using: &random) { path += "/" + URIEncoding.encode(pick(segments)) }
            if Bool.random(using: &random) { path += "/" }
            var query: [String] = []
            for _ in 0..<Int.random(in: 0..<6, using: &random) {
                let key = URIEncoding.encode(pick(queryKeys))
                query.append(Int.random(in: 0..<8, using: &random) == 0 ? key : key + "=" + URIEncoding.encode(pick(queryValues)))
            }
            var headers: [[String]] = []
            for _ in 0..<Int.random(in: 0..<6, using: &random) { headers.append([pick(headerNames), pick(headerValues)]) }
            var body: [UInt8] = []
            switch Int.random(in: 0..<3, using: &random) {
            case 0: body = []
            case 1: body = Array("{\"cluster\":\"démo\"}".utf8)
            default: body = (0..<Int.random(in: 1..<300, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
            }
            return Case(
                method: pick(methods), url: host + path + (query.isEmpty ? "" : "?" + query.joined(separator: "&")),
                headers: headers, body_base64: Data(body).base64EncodedString(), access_key: "AKID\(Int.random(in: 0..<1000, using: &random))",
                secret_key: "secret/\(Int.random(in: 0..<1_000_000, using: &random))+key",
                session_token: Bool.random(using: &random) ? "token\(Int.random(in: 0..<1000, using: &random))==" : nil,
                region: region, service: service, epoch: Int.random(in: 1_420_070_400..<1_893_456_000, using: &random))
        }
    }

    static func runReference(_ cases: [Case]) throws -> [Reference] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", TestPaths.script("aws-sign-reference.py")]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(try JSONEncoder().encode(cases))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return try JSONDecoder().decode([Reference].self, from: data)
    }

    @Test("300 generated requests sign exactly as botocore signs them")
    func matchesBotocore() throws {
        let cases = Self.generateCases(count: 300, seed: 0x5167_4E44)
        let references = try Self.runReference(cases)
        try #require(references.count == cases.count)
        for (index, (testCase, reference)) in zip(cases, references).enumerated() {
            let request = HTTPRequest(
                method: testCase.method, url: testCase.url, headers: testCase.headers.map { (name: $0[0], value: $0[1]) },
                body: Array(Data(base64Encoded: testCase.body_base64)!))
            let credentials = AWSCredentials(
                accessKeyID: testCase.access_key, secretAccessKey: testCase.secret_key, sessionToken: testCase.session_token)
            let signed = SigV4Signer.sign(
                request, credentials: credentials, region: testCase.region, service: testCase.service,
                date: Date(timeIntervalSince1970: TimeInterval(testCase.epoch)))
            #expect(signed.canonicalRequest == reference.canonical_request, "case \(index): \(testCase.url)")
            #expect(signed.stringToSign == reference.string_to_sign, "case \(index)")
            #expect(signed.signature == reference.signature, "case \(index)")
        }
    }
}
