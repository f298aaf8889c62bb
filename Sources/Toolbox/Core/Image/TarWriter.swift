
/// One entry of a layer: a directory, a regular file or a symbolic link, with its mode.
public struct TarEntry: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case directory
        case file(contents: [UInt8])
        case symlink(target: String)
    }

    /// Relative to the root, without a leading slash ("etc/passwd", "usr/local/bin").
    public var path: String
    public var kind: Kind
    public var mode: UInt32

    public init(path: String, kind: Kind, mode: UInt32) { (self.path, self.kind, self.mode) = (path, kind, mode) }
}

/// Writes ustar archives that depend only on their entries: sorted, owned by root, time zero.
///
/// That determinism is what makes two builds of one commit produce one layer digest.
public enum TarWriter {
    /// The archive of `entries`, sorted by path; names longer than ustar allows are an error.
    public static func archive(_ entries: [TarEntry]) throws -> [UInt8] {
        var output: [UInt8] = []
        for entry in entries.sorted(by: { $0.path < $1.path }) {
            output += try header(for: entry)
            if case .file(let contents) = entry.kind {
                output += contents
                output += [UInt8](repeating: 0, count: (512 - contents.count % 512) % 512)
            }
        }
        // Two zero blocks end an archive.
        output += [UInt8](repeating: 0, count: 1024)
        return output
    }

    static func header(for entry: TarEntry) throws -> [UInt8] {
        var block = [UInt8](repeating: 0, count: 512)
        var name = entry.path
        var typeFlag: UInt8 = UInt8(ascii: "0")
        var size = 0
        var linkName = ""
        switch entry.kind {
        case .directory:
            name += "/"
            typeFlag = UInt8(ascii: "5")
        case .file(let contents):
            size = contents.count
        case .symlink(let target):
            typeFlag = UInt8(ascii: "2")
            linkName = target
        }
        let (prefix, shortName) = try split(name)
        guard linkName.utf8.count <= 100 else { throw ImageError("link target too long for ustar: \(linkName)") }
        put(shortName, into: &block, at: 0, width: 100)
        putOctal(Int(entry.mode & 0o7777), into: &block, at: 100, width: 8)
        putOctal(0, into: &block, at: 108, width: 8)  // uid
        putOctal(0, into: &block, at: 116, width: 8)  // gid
        putOctal(size, into: &block, at: 124, width: 12)
        putOctal(0, into: &block, at: 136, width: 12)  // mtime
        block[156] = typeFlag
        put(linkName, into: &block, at: 157, width: 100)
        put("ustar\u{0}00", into: &block, at: 257, width: 8)
        put("root", into: &block, at: 265, width: 32)
        put("root", into: &block, at: 297, width: 32)
        put(prefix, into: &block, at: 345, width: 155)
        // The checksum is computed with its own field read as spaces.
        for offset in 148..<156 { block[offset] = UInt8(ascii: " ") }
        let checksum = block.reduce(0) { $0 + Int($1) }
        putOctal(checksum, into: &block, at: 148, width: 7)
        return block
    }

    /// Splits a long path at a slash into ustar's 155-byte prefix and 100-byte name.
    static func split(_ path: String) throws -> (prefix: String, name: String) {
        let bytes = Array(path.utf8)
        if bytes.count <= 100 { return ("", path) }
        for index in bytes.indices.reversed() where bytes[index] == UInt8(ascii: "/") {
            let prefixLength = index
            let nameLength = bytes.count - index - 1
            if prefixLength <= 155 && nameLength <= 100 && nameLength > 0 {
                return (
                    String(decoding: bytes[..<index], as: UTF8.self),
                    String(decoding: bytes[(index + 1)...], as: UTF8.self)
                )
            }
        }
        throw ImageError("path too long for ustar: \(path)")
    }

    private static func put(_ text: String, into block: inout [UInt8], at offset: Int, width: Int) {
        for (index, byte) in text.utf8.prefix(width).enumerated() { block[offset + index] = byte }
    }

    /// Zero-padded octal followed by a NUL, as ustar numeric fields are.
    private static func putOctal(_ value: Int, into block: inout [UInt8], at offset: Int, width: Int) {
        let digits = String(value, radix: 8)
        let padded = String(repeating: "0", count: max(0, width - 1 - digits.count)) + digits
        put(padded, into: &block, at: offset, width: width - 1)
    }
}
