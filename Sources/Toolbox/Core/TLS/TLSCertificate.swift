import CLibcrypto
import Foundation

/// An X.509 certificate held by OpenSSL: issued here (a private CA, or a server certificate it
/// signs) or read back from PEM.
final class TLSCertificate: @unchecked Sendable {
    let pointer: OpaquePointer

    private init(_ pointer: OpaquePointer) { self.pointer = pointer }

    deinit { X509_free(pointer) }

    convenience init(pem: String) throws(TLSError) {
        self.init(try MemoryBIO.read(pem, "a PEM certificate") { PEM_read_bio_X509($0, nil, nil, nil) })
    }

    func pem() throws(TLSError) -> String {
        try MemoryBIO.write("a PEM certificate") { PEM_write_bio_X509($0, pointer) }
    }

    /// A self-signed CA that may sign server certificates only (path length 0).
    static func certificateAuthority(commonName: String, key: TLSKey, days: Int) throws(TLSError) -> TLSCertificate {
        let certificate = try blank(commonName: commonName, key: key, days: days)
        try certificate.setIssuer(certificate)
        try certificate.add(
            [
                (NID_basic_constraints, "critical,CA:TRUE,pathlen:0"),
                (NID_key_usage, "critical,keyCertSign,cRLSign"),
                (NID_subject_key_identifier, "hash"),
            ],
            issuer: certificate
        )
        try certificate.sign(with: key)
        return certificate
    }

    /// A server certificate for `dnsNames` (the first is its subject), signed by `issuer`.
    static func server(
        dnsNames: [String],
        key: TLSKey,
        issuer: TLSCertificate,
        issuerKey: TLSKey,
        days: Int
    ) throws(TLSError) -> TLSCertificate {
        let certificate = try blank(commonName: dnsNames.first ?? "", key: key, days: days)
        try certificate.setIssuer(issuer)
        try certificate.add(
            [
                (NID_basic_constraints, "critical,CA:FALSE"),
                (NID_key_usage, "critical,digitalSignature,keyEncipherment"),
                (NID_ext_key_usage, "serverAuth"),
                (NID_subject_alt_name, dnsNames.map { "DNS:\($0)" }.joined(separator: ",")),
                (NID_subject_key_identifier, "hash"),
                (NID_authority_key_identifier, "keyid:always"),
            ],
            issuer: issuer
        )
        try certificate.sign(with: issuerKey)
        return certificate
    }

    /// The subject's common name.
    var commonName: String? {
        guard let name = X509_get_subject_name(pointer) else { return nil }
        var buffer = [CChar](repeating: 0, count: 256)
        let length = X509_NAME_get_text_by_NID(name, NID_commonName, &buffer, Int32(buffer.count))
        return length > 0 ? String(cString: buffer) : nil
    }

    /// Seconds until the certificate expires (negative once it has).
    var secondsLeft: Double? {
        guard let notAfter = X509_get0_notAfter(pointer) else { return nil }
        var days: Int32 = 0
        var seconds: Int32 = 0
        guard ASN1_TIME_diff(&days, &seconds, nil, notAfter) == 1 else { return nil }
        return Double(days) * 86400 + Double(seconds)
    }

    /// True when `key` is the private half of this certificate's public key.
    func matches(_ key: TLSKey) -> Bool { X509_check_private_key(pointer, key.pointer) == 1 }

    /// True when `issuer`'s key signed this certificate.
    func isSigned(by issuer: TLSCertificate) -> Bool {
        guard let publicKey = X509_get0_pubkey(issuer.pointer) else { return false }
        return X509_verify(pointer, publicKey) == 1
    }

    // MARK: Building

    private static func blank(commonName: String, key: TLSKey, days: Int) throws(TLSError) -> TLSCertificate {
        guard let pointer = X509_new() else { throw .openSSL("X509_new") }
        let certificate = TLSCertificate(pointer)
        guard X509_set_version(pointer, 2) == 1 else { throw .openSSL("X509_set_version") }
        // A random positive 63-bit serial: two certificates of one CA never share one.
        let serial = Int.random(in: 1...Int.max)
        guard ASN1_INTEGER_set_int64(X509_get_serialNumber(pointer), Int64(serial)) == 1 else {
            throw .openSSL("setting the serial number")
        }
        // An hour of slack before now, for clocks that lag.
        guard X509_gmtime_adj(X509_getm_notBefore(pointer), -3600) != nil,
            X509_gmtime_adj(X509_getm_notAfter(pointer), days * 86400) != nil
        else { throw .openSSL("setting the validity") }
        guard let name = X509_get_subject_name(pointer),
            X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, commonName, -1, -1, 0) == 1
        else { throw .openSSL("setting the subject") }
        guard X509_set_pubkey(pointer, key.pointer) == 1 else { throw .openSSL("X509_set_pubkey") }
        return certificate
    }

    private func setIssuer(_ issuer: TLSCertificate) throws(TLSError) {
        guard X509_set_issuer_name(pointer, X509_get_subject_name(issuer.pointer)) == 1 else {
            throw .openSSL("setting the issuer")
        }
    }

    private func add(_ extensions: [(nid: Int32, value: String)], issuer: TLSCertificate) throws(TLSError) {
        var context = X509V3_CTX()
        X509V3_set_ctx(&context, issuer.pointer, pointer, nil, nil, 0)
        for (nid, value) in extensions {
            guard let created = X509V3_EXT_conf_nid(nil, &context, nid, value) else {
                throw .openSSL("making the extension \(value)")
            }
            defer { X509_EXTENSION_free(created) }
            guard X509_add_ext(pointer, created, -1) == 1 else { throw .openSSL("adding the extension \(value)") }
        }
    }

    private func sign(with key: TLSKey) throws(TLSError) {
        guard X509_sign(pointer, key.pointer, EVP_sha256()) > 0 else { throw .openSSL("signing the certificate") }
    }
}
