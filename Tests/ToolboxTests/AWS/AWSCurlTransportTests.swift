import Foundation
import Testing
import Toolbox

/// CurlTransport against a real loopback server: methods, large bodies from bytes and files,
/// connection reuse, timeouts, and TLS verification with a CA-bundle override.
@Suite("AWS curl transport")
struct AWSCurlTransportTests {
    struct Echo: Decodable {
        var method: String
        var length: Int
        var sha256: String
        var headers: [[String]]
        var connection: Int
        func header(_ name: String) -> String? { headers.first { $0[0].lowercased() == name.lowercased() }?[1] }
    }

    func echo(_ transport: CurlTransport, _ request: HTTPRequest, file: String? = nil) async throws -> Echo {
        let response: HTTPResponse
        if let file {
            response = try await transport.send(request, bodyFromFile: file)
        } else {
            response = try await transport.send(request)
        }
        #expect(response.status == 200)
        #expect(response.header("content-type") == "application/json")
        return try JSONDecoder().decode(Echo.self, from: Data(response.body))
    }

    @Test func methodsHeadersAndConnectionReuse() async throws {
        try await withScriptedServer([:]) { endpoint in
            let transport = CurlTransport()
            let url = endpoint + "/__echo"
            let get = try await echo(transport, HTTPRequest(method: "GET", url: url, headers: [(name: "X-One", value: "1")]))
            #expect(get.method == "GET" && get.length == 0 && get.header("X-One") == "1")
            let post = try await echo(transport, HTTPRequest(method: "POST", url: url, body: Array("abc".utf8)))
            #expect(post.method == "POST" && post.length == 3)
            // No Content-Type unless asked for, and no Expect: 100-continue round trip.
            #expect(post.header("Content-Type") == nil && post.header("Expect") == nil)
            let put = try await echo(transport, HTTPRequest(method: "PUT", url: url, body: []))
            #expect(put.method == "PUT" && put.length == 0)
            let delete = try await echo(transport, HTTPRequest(method: "DELETE", url: url))
            #expect(delete.method == "DELETE")
            let head = try await transport.send(HTTPRequest(method: "HEAD", url: url))
            #expect(head.status == 200 && head.body.isEmpty)
            #expect(Set([get.connection, post.connection, put.connection, delete.connection]).count == 1)
        }
    }

    @Test func largeBodiesFromBytesAndFromAFile() async throws {
        var random = SeededGenerator(seed: 42)
        let blob = (0..<(24 << 20)).map { _ in UInt8.random(in: 0...255, using: &random) }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("aws-blob-\(UUID().uuidString)")
        try Data(blob).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let expected = Digest.hex(Digest.sha256(blob))
        try await withScriptedServer([:]) { endpoint in
            let transport = CurlTransport()
            let fromBytes = try await echo(transport, HTTPRequest(method: "PUT", url: endpoint + "/__echo", body: blob))
            #expect(fromBytes.length == blob.count && fromBytes.sha256 == expected)
            let fromFile = try await echo(
                transport, HTTPRequest(method: "PATCH", url: endpoint + "/__echo"), file: file.path)
            #expect(fromFile.method == "PATCH" && fromFile.length == blob.count && fromFile.sha256 == expected)
        }
    }

    @Test func totalTimeoutAndRefusedConnectionAreTyped() async throws {
        try await withScriptedServer([:]) { endpoint in
            let transport = CurlTransport(options: .init(totalTimeout: .milliseconds(300)))
            let slow = await #expect(throws: HTTPTransportError.self) {
                _ = try await transport.send(HTTPRequest(method: "GET", url: endpoint + "/__slow"))
            }
            #expect(slow?.kind == .timeout && slow?.isTransient == true)
        }
        let refused = await #expect(throws: HTTPTransportError.self) {
            _ = try await CurlTransport().send(HTTPRequest(method: "GET", url: "http://127.0.0.1:\(try LoopbackProcess.freePort())/"))
        }
        #expect(refused?.kind == .connect)
    }

    @Test func tlsIsVerifiedAndTheCABundleCanBeOverridden() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("aws-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let certificate = directory.appendingPathComponent("cert.pem").path
        let key = directory.appendingPathComponent("key.pem").path
        let openssl = Process()
        openssl.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        openssl.arguments = [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
            "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key, "-out", certificate,
        ]
        openssl.standardError = FileHandle.nullDevice
        try openssl.run()
        openssl.waitUntilExit()
        try #require(openssl.terminationStatus == 0)
        try await withScriptedServer([:], tls: (certificate, key, certificate)) { (endpoint: String) async throws in
            let untrusted = await #expect(throws: HTTPTransportError.self) {
                _ = try await CurlTransport().send(HTTPRequest(method: "GET", url: endpoint + "/__ready"))
            }
            #expect(untrusted?.kind == .tls)
            let trusted = CurlTransport(options: .fromEnvironment(["AWS_CA_BUNDLE": certificate]))
            let answer = try await trusted.send(HTTPRequest(method: "GET", url: endpoint + "/__ready"))
            #expect(answer.status == 200)
        }
    }
}
