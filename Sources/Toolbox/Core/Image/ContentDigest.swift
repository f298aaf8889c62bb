import ToolboxSigV4

/// A content digest as OCI writes it: `sha256:` followed by 64 lowercase hex digits.
public struct ContentDigest: Hashable, Sendable, Codable, CustomStringConvertible, Comparable {
    public let value: String

    public var description: String { value }

    /// The hex part, which names the blob file under `blobs/sha256/`.
    public var hex: String { String(value.dropFirst("sha256:".count)) }

    /// The SHA-256 of `bytes`.
    public init(of bytes: [UInt8]) {
        value = "sha256:" + Digest.hex(Digest.sha256(bytes))
    }

    /// Accepts only well-formed sha256 digests (they become file names and URL parts).
    public init(parsing text: String) throws {
        let hex = text.hasPrefix("sha256:") ? text.dropFirst(7) : ""
        guard hex.count == 64, hex.allSatisfy({ "0123456789abcdef".contains($0) }) else {
            throw ImageError("not a sha256 digest: \(text)")
        }
        value = text
    }

    public init(from decoder: Decoder) throws {
        try self.init(parsing: decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }

    public static func < (lhs: ContentDigest, rhs: ContentDigest) -> Bool { lhs.value < rhs.value }
}
