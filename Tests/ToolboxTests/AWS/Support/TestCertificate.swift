import Foundation

/// A throwaway self-signed certificate for 127.0.0.1 made with the openssl CLI, in a temporary
/// directory that `remove()` deletes.
struct TestCertificate: Sendable {
    let directory: URL
    var certificatePath: String { directory.appendingPathComponent("cert.pem").path }
    var keyPath: String { directory.appendingPathComponent("key.pem").path }

    /// Makes one off the cooperative pool (openssl takes a moment).
    static func make(commonName: String = "127.0.0.1") async throws -> TestCertificate {
        try await offCooperativePool { try TestCertificate(commonName: commonName) }
    }

    private init(commonName: String) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("aws-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let openssl = Process()
        openssl.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        openssl.arguments = [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=\(commonName)",
            "-addext", "subjectAltName=IP:127.0.0.1,DNS:\(commonName == "127.0.0.1" ? "localhost" : commonName)",
            "-keyout", directory.appendingPathComponent("key.pem").path,
            "-out", directory.appendingPathComponent("cert.pem").path,
        ]
        openssl.standardError = FileHandle.nullDevice
        try openssl.run()
        openssl.waitUntilExit()
        guard openssl.terminationStatus == 0 else { throw LoopbackError("openssl could not make a certificate") }
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }
}
