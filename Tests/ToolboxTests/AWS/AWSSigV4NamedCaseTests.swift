import Foundation
import Testing
import Toolbox

/// The cases AWS's published SigV4 suite is known for, with our own data: the canonical request is
/// written out by hand here, and the signature is checked against botocore.
@Suite("SigV4 named cases")
struct AWSSigV4NamedCaseTests {
    struct Named: Sendable, CustomTestStringConvertible {
        var name: String
        var request: HTTPRequest
        var token: String? = nil
        var canonicalRequest: String
        var testDescription: String { name }
    }

    static let emptyHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    static let date = Date(timeIntervalSince1970: 1_700_000_000)  // 2023-11-14T22:13:20Z
    static let credentials = AWSCredentials(accessKeyID: "AKIDNAMED", secretAccessKey: "named/secret+KEY")
    static let host = "https://service.eu-central-1.amazonaws.com"
    static let dateLine = "x-amz-date:20231114T221320Z"

    static let cases: [Named] = [
        Named(
            name: "get-vanilla", request: HTTPRequest(method: "GET", url: host + "/"),
            canonicalRequest: "GET\n/\n\nhost:service.eu-central-1.amazonaws.com\n\(dateLine)\n\nhost;x-amz-date\n\(emptyHash)"),
        Named(
            name: "query keys sorted, repeated keys sorted by value",
            request: HTTPRequest(method: "GET", url: host + "/?Zeta=1&alpha=2&Beta=b&Beta=a"),
            canonicalRequest:
                "GET\n/\nBeta=a&Beta=b&Zeta=1&alpha=2\nhost:service.eu-central-1.amazonaws.com\n\(dateLine)\n\nhost;x-amz-date\n\(emptyHash)"),
        Named(
            name: "unreserved characters stay as they are",
            request: HTTPRequest(method: "GET", url: host + "/-._~AZaz09?-._~AZaz09=-._~AZaz09"),
            canonicalRequest:
                "GET\n/-._~AZaz09\n-._~AZaz09=-._~AZaz09\nhost:service.eu-central-1.amazonaws.com\n\(dateLine)\n\nhost;x-amz-date\n\(emptyHash)"),
        Named(
            name: "header values trimmed, inner runs and line folds collapsed",
            request: HTTPRequest(
                method: "GET", url: host + "/",
                headers: [(name: "My-Header", value: "  one   two\tthree  "), (name: "My-Folded", value: "first\n   second")]),
            canonicalRequest:
                "GET\n/\n\nhost:service.eu-central-1.amazonaws.com\nmy-folded:first second\nmy-header:one two three\n\(dateLine)\n\nhost;my-folded;my-header;x-amz-date\n\(emptyHash)"
        ),
        Named(
            name: "repeated headers joined by commas in the order sent",
            request: HTTPRequest(
                method: "GET", url: host + "/", headers: [(name: "X-Repeat", value: "zz"), (name: "x-repeat", value: "aa")]),
            canonicalRequest:
                "GET\n/\n\nhost:service.eu-central-1.amazonaws.com\n\(dateLine)\nx-repeat:zz,aa\n\nhost;x-amz-date;x-repeat\n\(emptyHash)"),
        Named(
            name: "session token is signed", request: HTTPRequest(method: "GET", url: host + "/"), token: "session/token=",
            canonicalRequest:
                "GET\n/\n\nhost:service.eu-central-1.amazonaws.com\n\(dateLine)\nx-amz-security-token:session/token=\n\nhost;x-amz-date;x-amz-security-token\n\(emptyHash)"
        ),
        Named(
            name: "form-encoded POST signs content-type, content-length and the body",
            request: HTTPRequest(
                method: "POST", url: host + "/",
                headers: [
                    (name: "Content-Type", value: "application/x-www-form-urlencoded; charset=utf-8"),
                    (name: "Content-Length", value: "13"),
                ], body: Array("Action=Hello1".utf8)),
            canonicalRequest:
                "POST\n/\n\ncontent-length:13\ncontent-type:application/x-www-form-urlencoded; charset=utf-8\nhost:service.eu-central-1.amazonaws.com\n\(dateLine)\n\ncontent-length;content-type;host;x-amz-date\n\(Digest.hex(Digest.sha256("Action=Hello1")))"
        ),
        Named(
            name: "encoded UTF-8 path is encoded again",
            request: HTTPRequest(method: "GET", url: host + "/%E1%88%B4/a%20b"),
            canonicalRequest:
                "GET\n/%25E1%2588%25B4/a%2520b\n\nhost:service.eu-central-1.amazonaws.com\n\(dateLine)\n\nhost;x-amz-date\n\(emptyHash)"),
        Named(
            name: "dot segments and double slashes normalized",
            request: HTTPRequest(method: "GET", url: host + "//one/./two/../three//"),
            canonicalRequest:
                "GET\n/one/three/\n\nhost:service.eu-central-1.amazonaws.com\n\(dateLine)\n\nhost;x-amz-date\n\(emptyHash)"),
    ]

    @Test(arguments: cases)
    func canonicalRequestAndSignature(_ named: Named) throws {
        var credentials = Self.credentials
        credentials.sessionToken = named.token
        let signed = SigV4Signer.sign(
            named.request, credentials: credentials, region: "eu-central-1", service: "service", date: Self.date)
        #expect(signed.canonicalRequest == named.canonicalRequest)
        let reference = try AWSSigV4DifferentialTests.runReference([
            .init(
                method: named.request.method, url: named.request.url, headers: named.request.headers.map { [$0.name, $0.value] },
                body_base64: Data(named.request.body).base64EncodedString(), access_key: credentials.accessKeyID,
                secret_key: credentials.secretAccessKey, session_token: named.token, region: "eu-central-1",
                service: "service", epoch: Int(Self.date.timeIntervalSince1970))
        ])
        #expect(signed.signature == reference.first?.signature)
        let authorization = signed.signedRequest.headers.first { $0.name == "Authorization" }?.value
        #expect(
            authorization
                == "AWS4-HMAC-SHA256 Credential=AKIDNAMED/20231114/eu-central-1/service/aws4_request, "
                + "SignedHeaders=\(signed.signedHeaders), Signature=\(signed.signature)")
    }

    @Test func signingKeyChainsDateRegionServiceAndTerminator() {
        var key = Array("AWS4secret".utf8)
        for part in ["20231114", "eu-central-1", "service", "aws4_request"] {
            key = Digest.hmacSHA256(key: key, message: Array(part.utf8))
        }
        #expect(SigV4Signer.signingKey(secret: "secret", date: "20231114", region: "eu-central-1", service: "service") == key)
    }

    @Test func digestsMatchPublishedVectors() {
        #expect(Digest.hex(Digest.sha256("")) == Self.emptyHash)
        // RFC 4231, test case 2.
        let mac = Digest.hmacSHA256(key: Array("Jefe".utf8), message: Array("what do ya want for nothing?".utf8))
        #expect(Digest.hex(mac) == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    @Test func timestampIsUTC() {
        let stamp = SigV4Timestamp(Date(timeIntervalSince1970: 1_440_938_160))
        #expect(stamp.dateTime == "20150830T123600Z")
        #expect(stamp.date == "20150830")
    }
}
