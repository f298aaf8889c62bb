import Foundation

/// The PEM texts an HTTPS listener and its clients need: the server certificate and its key
/// (imported into ACM) and the private CA that signed it (the clients' trust bundle).
package struct IssuedCertificate: Sendable, Equatable {
    package var certificatePEM: String
    package var privateKeyPEM: String
    package var caPEM: String
}

/// The aws target's private CA and the server certificate of the ALB router, made with OpenSSL
/// and kept in the project's state folder (`.toolbox/tls/`, keys mode 0600), so a second
/// build-infra reuses them; a missing, mismatched or nearly expired certificate is made again.
package struct RouterCertificates: Sendable {
    let directory: URL
    /// The name the clients call: `echo_server.<project>.local` (the certificate's subject).
    let serverName: String
    let project: String

    /// The name the clients verify: the same with hyphens. TLS clients (NIOSSL among them) refuse
    /// an underscore in a host name they check, so the certificate carries both names.
    package var verifiedName: String { Self.verifiedName(serverName) }
    package static func verifiedName(_ name: String) -> String { name.replacingOccurrences(of: "_", with: "-") }

    static let caDays = 3650
    static let serverDays = 825
    /// Re-issued when it has less than this left.
    static let renewBefore: Double = 30 * 86400

    package init(stateDirectory: URL, serverName: String, project: String) {
        directory = stateDirectory.appendingPathComponent("tls", isDirectory: true)
        self.serverName = serverName
        self.project = project
    }

    var caFile: URL { directory.appendingPathComponent("ca.pem") }
    var caKeyFile: URL { directory.appendingPathComponent("ca-key.pem") }
    var certificateFile: URL { directory.appendingPathComponent("server.pem") }
    var keyFile: URL { directory.appendingPathComponent("server-key.pem") }

    /// The kept certificate when it is still good for `serverName`, else a new one (and a new CA
    /// only when the kept CA cannot sign it).
    package func ensure() throws -> IssuedCertificate {
        if let kept = try? keptServer() { return kept }
        let (ca, caKey) = try (try? keptAuthority()) ?? newAuthority()
        let key = try TLSKey.generateRSA()
        let certificate = try TLSCertificate.server(
            dnsNames: verifiedName == serverName ? [serverName] : [serverName, verifiedName],
            key: key,
            issuer: ca,
            issuerKey: caKey,
            days: Self.serverDays
        )
        let issued = IssuedCertificate(certificatePEM: try certificate.pem(), privateKeyPEM: try key.pem(), caPEM: try ca.pem())
        try write(issued.privateKeyPEM, to: keyFile, secret: true)
        try write(issued.certificatePEM, to: certificateFile, secret: false)
        return issued
    }

    private func keptServer() throws -> IssuedCertificate? {
        let (ca, _) = try keptAuthority()
        let certificatePEM = try String(contentsOf: certificateFile, encoding: .utf8)
        let keyPEM = try String(contentsOf: keyFile, encoding: .utf8)
        let certificate = try TLSCertificate(pem: certificatePEM)
        let key = try TLSKey(pem: keyPEM)
        guard certificate.commonName == serverName, certificate.matches(key), certificate.isSigned(by: ca),
            (certificate.secondsLeft ?? 0) > Self.renewBefore
        else { return nil }
        return IssuedCertificate(certificatePEM: certificatePEM, privateKeyPEM: keyPEM, caPEM: try ca.pem())
    }

    private func keptAuthority() throws -> (TLSCertificate, TLSKey) {
        let ca = try TLSCertificate(pem: try String(contentsOf: caFile, encoding: .utf8))
        let key = try TLSKey(pem: try String(contentsOf: caKeyFile, encoding: .utf8))
        guard ca.matches(key), (ca.secondsLeft ?? 0) > Self.renewBefore else {
            throw TLSError(description: "the kept CA is unusable")
        }
        return (ca, key)
    }

    private func newAuthority() throws -> (TLSCertificate, TLSKey) {
        let key = try TLSKey.generateRSA()
        let ca = try TLSCertificate.certificateAuthority(
            commonName: "\(project) toolbox private CA",
            key: key,
            days: Self.caDays
        )
        try write(try key.pem(), to: caKeyFile, secret: true)
        try write(try ca.pem(), to: caFile, secret: false)
        return (ca, key)
    }

    /// The first PEM certificate block of `pem`, armour included, with a final newline.
    package static func firstCertificate(in pem: String) -> String? {
        let end = "-----END CERTIFICATE-----"
        guard let begin = pem.range(of: "-----BEGIN CERTIFICATE-----"),
            let finish = pem.range(of: end, range: begin.upperBound..<pem.endIndex)
        else { return nil }
        return String(pem[begin.lowerBound..<finish.upperBound]) + "\n"
    }

    /// Keys are created with mode 0600 from the start (never world-readable, even briefly).
    private func write(_ text: String, to file: URL, secret: Bool) throws {
        try FileManager.default.createDirectory(
            at: directory,
            withIntermediateDirectories: true,
            attributes: [.posixPermissions: 0o700]
        )
        try PrivateFile.write(Array(text.utf8), to: file, mode: secret ? 0o600 : 0o644)
    }
}
