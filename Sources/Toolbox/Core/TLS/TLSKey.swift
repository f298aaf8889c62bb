import CLibcrypto

/// An RSA private key held by OpenSSL (2048 bits: what ACM imports and ALB serves everywhere).
/// Its PEM is written only to files of mode 0600 and to ACM, never printed.
final class TLSKey: @unchecked Sendable {
    let pointer: OpaquePointer

    private init(_ pointer: OpaquePointer) { self.pointer = pointer }

    deinit { EVP_PKEY_free(pointer) }

    static func generateRSA(bits: Int32 = 2048) throws(TLSError) -> TLSKey {
        guard let context = EVP_PKEY_CTX_new_id(EVP_PKEY_RSA, nil) else { throw .openSSL("EVP_PKEY_CTX_new_id") }
        defer { EVP_PKEY_CTX_free(context) }
        var key: OpaquePointer?
        guard EVP_PKEY_keygen_init(context) == 1, EVP_PKEY_CTX_set_rsa_keygen_bits(context, bits) == 1,
            EVP_PKEY_keygen(context, &key) == 1, let key
        else { throw .openSSL("RSA key generation") }
        return TLSKey(key)
    }

    convenience init(pem: String) throws(TLSError) {
        self.init(try MemoryBIO.read(pem, "a PEM private key") { PEM_read_bio_PrivateKey($0, nil, nil, nil) })
    }

    /// PKCS#8, unencrypted (ACM wants it so).
    func pem() throws(TLSError) -> String {
        try MemoryBIO.write("a PEM private key") { PEM_write_bio_PrivateKey($0, pointer, nil, nil, 0, nil, nil) }
    }
}

/// An OpenSSL memory BIO: PEM goes in and out through it.
final class MemoryBIO {
    let pointer: OpaquePointer

    init() throws(TLSError) {
        guard let bio = BIO_new(BIO_s_mem()) else { throw .openSSL("BIO_new") }
        pointer = bio
    }

    convenience init(_ text: String) throws(TLSError) {
        try self.init()
        let bytes = Array(text.utf8)
        guard bytes.isEmpty || BIO_write(pointer, bytes, Int32(bytes.count)) == Int32(bytes.count) else {
            throw .openSSL("BIO_write")
        }
    }

    deinit { BIO_free(pointer) }

    /// One object read from PEM text by `read` (a `PEM_read_bio_*` call); `what` names it in the error.
    static func read(_ pem: String, _ what: String, with read: (OpaquePointer) -> OpaquePointer?) throws(TLSError)
        -> OpaquePointer
    {
        let bio = try MemoryBIO(pem)
        guard let object = read(bio.pointer) else { throw .openSSL("reading \(what)") }
        return object
    }

    /// PEM text written by `write` (a `PEM_write_bio_*` call, 1 on success); `what` names it in the error.
    static func write(_ what: String, with write: (OpaquePointer) -> Int32) throws(TLSError) -> String {
        let bio = try MemoryBIO()
        guard write(bio.pointer) == 1 else { throw .openSSL("writing \(what)") }
        return bio.text()
    }

    func text() -> String {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let read = BIO_read(pointer, &chunk, Int32(chunk.count))
            guard read > 0 else { break }
            bytes += chunk[0..<Int(read)]
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// A failed OpenSSL call, with OpenSSL's own reason when it gave one.
struct TLSError: Error, CustomStringConvertible {
    let description: String

    static func openSSL(_ what: String) -> TLSError {
        let code = ERR_get_error()
        ERR_clear_error()
        guard code != 0 else { return TLSError(description: "OpenSSL: \(what) failed") }
        var buffer = [CChar](repeating: 0, count: 256)
        ERR_error_string_n(code, &buffer, buffer.count)
        let text = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return TLSError(description: "OpenSSL: \(what) failed (\(text))")
    }
}
