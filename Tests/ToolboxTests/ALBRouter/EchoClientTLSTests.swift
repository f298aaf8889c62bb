import Foundation
import Testing

@testable import ToolboxCore
@testable import ToolboxHTTP

/// The echo client calls the server over TLS when given a CA bundle, as the client tasks call
/// the ALB router: here the echo server itself serves the toolbox's certificate on loopback.
@Suite("Echo client over TLS with the ALB router's certificate")
struct EchoClientTLSTests {
    static let serverName = "echo_server.demo.local"
    /// What the client tasks verify: TLS clients refuse underscores in a checked name.
    static let verifiedName = "echo-server.demo.local"

    @Test func clientTrustsTheProjectCAAndRefusesAnother() async throws {
        let state = try AWSRouterCertificateTests.temporaryState()
        defer { try? FileManager.default.removeItem(at: state) }
        let certificates = RouterCertificates(stateDirectory: state, serverName: Self.serverName, project: "demo")
        let issued = try certificates.ensure()
        let stranger = try RouterCertificates(
            stateDirectory: state.appendingPathComponent("other"),
            serverName: Self.serverName,
            project: "other"
        ).ensure()

        let port = try LoopbackProcess.freePort()
        let server = try ChildProcess.start(
            "echo-server",
            [
                "PORT": String(port), "BIND_ADDRESS": "127.0.0.1", "ECHO_VERSION": "1.0",
                "TLS_CERT_FILE": certificates.certificateFile.path, "TLS_KEY_FILE": certificates.keyFile.path,
            ]
        )
        defer { server.stop() }
        let trusting = try await Self.client(port: port, ca: issued.caPEM, serverName: Self.verifiedName)
        defer { trusting.stop() }
        let answer = try await Self.call(trusting, until: { $0.status == 200 })
        #expect(answer.status == 200 && answer.body.contains("Response from the server"), "\(answer)")

        let wrongCA = try await Self.client(port: port, ca: stranger.caPEM, serverName: Self.verifiedName)
        defer { wrongCA.stop() }
        let refused = try await Self.call(wrongCA, until: { $0.status != 200 })
        #expect(refused.status == 503, "\(refused)")
        #expect(refused.body.contains("unavailable") && refused.body.contains("CERTIFICATE_VERIFY_FAILED"), "\(refused)")

        // The right CA but another name: the certificate is for echo(_|-)server.demo.local only.
        let wrongName = try await Self.client(port: port, ca: issued.caPEM, serverName: "echo-server.other.local")
        defer { wrongName.stop() }
        let mismatch = try await Self.call(wrongName, until: { $0.status != 200 })
        #expect(mismatch.status == 503, "\(mismatch)")
    }

    @Test func aBundleThatIsNotPEMIsRefusedInOneLine() async throws {
        let client = try ChildProcess.start("echo-client", ["PORT": "0", "ECHO_SERVER_CA_PEM": "not a certificate"])
        let status = await client.waitForExit(timeout: 10)
        #expect(status != 0)
        #expect(client.output().contains("PEM"), "\(client.output())")
    }

    static func client(port: Int, ca: String, serverName: String) async throws -> LoopbackProcess {
        try await LoopbackProcess.start(
            [
                "PORT={port}", "BIND_ADDRESS=127.0.0.1", "ECHO_HOST=127.0.0.1:\(port)", "ECHO_SERVER_NAME=\(serverName)",
                "ECHO_SERVER_CA_PEM=\(ca)", "ECHO_TIMEOUT=1", ToolboxProject.binDirectory.appendingPathComponent("echo-client").path,
            ],
            readinessPath: "/ping"
        )
    }

    /// GET /?name=tls until `done` holds (the server may still be starting), for at most 15 s.
    static func call(_ client: LoopbackProcess, until done: (HTTPResponse) -> Bool) async throws -> (status: Int, body: String) {
        let transport = CurlTransport(options: .init(connectTimeout: .seconds(1), totalTimeout: .seconds(5)))
        let deadline = ContinuousClock.now + .seconds(15)
        var last: HTTPResponse?
        while ContinuousClock.now < deadline {
            let answer = try await transport.send(HTTPRequest(method: "GET", url: client.endpoint + "/?name=tls"))
            last = answer
            if done(answer) { break }
            try await Task.sleep(for: .milliseconds(200))
        }
        let answer = try #require(last)
        return (answer.status, String(decoding: answer.body, as: UTF8.self))
    }
}

/// A built executable of this package run with `environment`, output captured, stopped by PID.
final class ChildProcess: @unchecked Sendable {
    let process = Process()
    private let pipe = Pipe()

    static func start(_ executable: String, _ environment: [String: String]) throws -> ChildProcess {
        let child = ChildProcess()
        child.process.executableURL = ToolboxProject.binDirectory.appendingPathComponent(executable)
        child.process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        child.process.standardOutput = child.pipe
        child.process.standardError = child.pipe
        try child.process.run()
        return child
    }

    func waitForExit(timeout: Double) async -> Int32? {
        let deadline = ContinuousClock.now + .seconds(timeout)
        while process.isRunning, ContinuousClock.now < deadline { try? await Task.sleep(for: .milliseconds(50)) }
        if process.isRunning { stop() }
        return process.terminationStatus
    }

    func output() -> String {
        String(decoding: pipe.fileHandleForReading.availableData, as: UTF8.self)
    }

    /// SIGTERM, then SIGKILL after two seconds (the loopback servers' own stop).
    func stop() {
        LoopbackProcess(process: process, port: 0).stop()
    }
}
