import Foundation
import Testing
import Toolbox

/// A child process serving HTTP on a loopback port, stopped by PID whatever the test's outcome.
struct LoopbackProcess {
    let process: Process
    let port: Int
    var scheme = "http"
    var endpoint: String { "\(scheme)://127.0.0.1:\(port)" }

    /// A port nobody listens on right now (bound to 0 and released; the OS will not hand it out again soon).
    static func freePort() throws -> Int {
        let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(socket, $0, length) == 0 && getsockname(socket, $0, &length) == 0
            }
        }
        guard bound else { throw LoopbackError("cannot bind a loopback port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Starts `arguments` (with `{port}` replaced), then polls `readinessPath` until it answers.
    /// HTTPS servers are probed with `caBundle` trusted.
    static func start(
        _ arguments: [String], readinessPath: String = "/", scheme: String = "http", caBundle: String? = nil,
        environment: [String: String] = [:]
    ) async throws -> LoopbackProcess {
        let port = try freePort()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments.map { $0.replacingOccurrences(of: "{port}", with: String(port)) }
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let server = LoopbackProcess(process: process, port: port, scheme: scheme)
        let probe = CurlTransport(
            options: .init(connectTimeout: .milliseconds(200), totalTimeout: .seconds(2), caBundlePath: caBundle))
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            if (try? await probe.send(HTTPRequest(method: "GET", url: server.endpoint + readinessPath))) != nil {
                return server
            }
            guard process.isRunning else { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        server.stop()
        throw LoopbackError("\(arguments.joined(separator: " ")) did not answer on port \(port)")
    }

    /// Stops the process off the cooperative pool (the wait takes a moment other tests should not lose).
    func stopAndWait() async {
        let process = self.process
        _ = try? await offCooperativePool { LoopbackProcess(process: process, port: 0).stop() }
    }

    /// SIGTERM, then SIGKILL if it has not gone within two seconds.
    func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGTERM)
        for _ in 0..<40 where process.isRunning { usleep(50_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }
}

struct LoopbackError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Runs `body` with the scripted test server answering from `script` (see Fixtures/AWS/scripted_server.py),
/// over HTTPS when given a certificate and key (PEM paths) and the CA that signed them.
func withScriptedServer<T>(
    _ script: [String: [ScriptedAnswer]], tls: (certificate: String, key: String, ca: String)? = nil,
    _ body: (String) async throws -> T
) async throws -> T {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("aws-script-\(UUID().uuidString).json")
    let encoded = try JSONEncoder().encode(script)
    try encoded.write(to: file)
    defer { try? FileManager.default.removeItem(at: file) }
    let tlsArguments = tls.map { [$0.certificate, $0.key] } ?? []
    let server = try await LoopbackProcess.start(
        ["python3", TestPaths.fixture("scripted_server.py"), "{port}", file.path] + tlsArguments,
        readinessPath: "/__ready",
        scheme: tls == nil ? "http" : "https", caBundle: tls?.ca)
    return try await stopping(server) { try await body(server.endpoint) }
}

/// Runs `body`, then stops `server` whether `body` returned or threw.
private func stopping<T>(_ server: LoopbackProcess, _ body: () async throws -> T) async throws -> T {
    do {
        let result = try await body()
        await server.stopAndWait()
        return result
    } catch {
        await server.stopAndWait()
        throw error
    }
}

/// One canned answer of the scripted server.
struct ScriptedAnswer: Codable {
    var status: Int
    var body: String
    var headers: [String: String] = [:]
}

/// A client for tests: fixed credentials, the given endpoint, retries without waiting.
func testClient(
    endpoint: String, region: String = "us-east-1", transport: any HTTPTransport = CurlTransport(),
    log: AWSCallLog = .disabled
) -> AWSClient {
    AWSClient(
        configuration: AWSConfiguration(region: region, globalEndpoint: endpoint),
        credentials: CredentialChain([StaticCredentials.testing]), transport: transport,
        retryPolicy: RetryPolicy(random: { 0.5 }, sleep: { _ in }), log: log)
}

/// Fixed credentials, as a provider.
struct StaticCredentials: AWSCredentialProvider {
    static let testing = StaticCredentials(value: AWSCredentials(accessKeyID: "AKIDTESTING", secretAccessKey: "secret"))
    let value: AWSCredentials?
    func credentials() async throws -> AWSCredentials? { value }
}
