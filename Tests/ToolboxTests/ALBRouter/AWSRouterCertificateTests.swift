import Foundation
import Testing

@testable import ToolboxAWS
@testable import ToolboxCore

/// The ALB router's certificate: made with libcrypto, checked by the openssl CLI as a user
/// would, kept with private keys readable by the owner only, and imported into ACM (moto) and
/// read back unchanged.
@Suite("ALB router: private CA and server certificate")
struct AWSRouterCertificateTests {
    static func temporaryState() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("alb-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    @Test func opensslVerifiesTheServerCertificateAgainstTheCA() async throws {
        let state = try Self.temporaryState()
        defer { try? FileManager.default.removeItem(at: state) }
        let certificates = RouterCertificates(stateDirectory: state, serverName: "echo_server.demo.local", project: "demo")
        let issued = try certificates.ensure()

        let verify = try await openssl([
            "verify", "-CAfile", certificates.caFile.path, "-purpose", "sslserver", certificates.certificateFile.path,
        ])
        #expect(verify.status == 0 && verify.output.contains(": OK"), "\(verify.output)")
        let text = try await openssl(["x509", "-in", certificates.certificateFile.path, "-noout", "-text"])
        #expect(text.output.contains("DNS:echo_server.demo.local, DNS:echo-server.demo.local"), "\(text.output)")
        #expect(text.output.contains("TLS Web Server Authentication"))
        let ca = try await openssl(["x509", "-in", certificates.caFile.path, "-noout", "-text"])
        #expect(ca.output.contains("CA:TRUE"))

        for key in [certificates.keyFile, certificates.caKeyFile] {
            let mode = try FileManager.default.attributesOfItem(atPath: key.path)[.posixPermissions] as? Int
            #expect(mode == 0o600, "\(key.lastPathComponent) is \(String(mode ?? 0, radix: 8))")
        }
        #expect(issued.caPEM == (try String(contentsOf: certificates.caFile, encoding: .utf8)))

        // A second build-infra reuses what it kept; another name gets a new certificate from the same CA.
        #expect(try certificates.ensure() == issued)
        let renamed = RouterCertificates(stateDirectory: state, serverName: "echo_server.other.local", project: "demo")
        let other = try renamed.ensure()
        #expect(other.caPEM == issued.caPEM && other.certificatePEM != issued.certificatePEM)
    }

    @Test func certificateImportRoundTripsThroughACM() async throws {
        try await withAWSEmulator { endpoint in
            let state = try Self.temporaryState()
            defer { try? FileManager.default.removeItem(at: state) }
            let issued = try RouterCertificates(
                stateDirectory: state,
                serverName: "echo_server.demo.local",
                project: "demo"
            ).ensure()
            let acm = ACM(client: testClient(endpoint: endpoint))
            let arn = try await acm.importCertificate(
                certificatePEM: issued.certificatePEM,
                privateKeyPEM: issued.privateKeyPEM,
                chainPEM: issued.caPEM,
                tags: [.init(key: "toolbox-project", value: "demo")]
            )
            let detail = try await acm.describeCertificate(certificateArn: arn)
            #expect(detail.DomainName == "echo_server.demo.local" && detail.Type == "IMPORTED")
            let stored = try await acm.getCertificate(certificateArn: arn)
            #expect(Self.body(stored.certificatePEM) == Self.body(issued.certificatePEM))
            // moto appends an Amazon CA of its own to the chain; ours comes first, unchanged.
            #expect(RouterCertificates.firstCertificate(in: stored.chainPEM ?? "").map(Self.body) == Self.body(issued.caPEM))
            #expect(try await acm.listTagsForCertificate(certificateArn: arn).contains(.init(key: "toolbox-project", value: "demo")))
            #expect(try await acm.listCertificates().map(\.CertificateArn) == [arn])
            try await acm.deleteCertificate(certificateArn: arn)
            #expect(try await acm.listCertificates().isEmpty)
        }
    }

    /// The base64 inside the PEM armour (line breaks and trailing newlines may differ).
    static func body(_ pem: String) -> String {
        pem.split(whereSeparator: \.isNewline).filter { !$0.hasPrefix("-----") }.joined()
    }

    private func openssl(_ arguments: [String]) async throws -> (status: Int32, output: String) {
        try await offCooperativePool {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["openssl"] + arguments
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = pipe
            try process.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return (process.terminationStatus, String(decoding: data, as: UTF8.self))
        }
    }
}
