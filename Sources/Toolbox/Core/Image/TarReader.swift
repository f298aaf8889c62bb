
/// One member read from a tar archive.
public struct TarMember: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case directory
        case file
        case symlink(target: String)
        case hardLink(target: String)
        /// Devices, FIFOs and others an image unpacked without privileges cannot recreate.
        case unsupported(typeFlag: UInt8)
    }

    public var path: String
    public var kind: Kind
    public var mode: UInt32
    public var contents: ArraySlice<UInt8>
}

/// Reads ustar archives, with the PAX and GNU long-name extensions other tools write
/// (layers pulled through skopeo may come from any builder). Any header is untrusted: a
/// malformed one is an error, never a trap, and no file may exceed the member limit.
public enum TarReader {
    public static func members(of archive: [UInt8], limits: LayerLimits = .standard) throws -> [TarMember] {
        guard archive.count <= limits.maximumLayerBytes else {
            throw ImageError("tar: the layer is \(archive.count) bytes, above the limit of \(limits.maximumLayerBytes)")
        }
        var members: [TarMember] = []
        var offset = 0
        var pendingPath: String?
        var pendingLink: String?
        while offset + 512 <= archive.count {
            let header = archive[offset..<offset + 512]
            if header.allSatisfy({ $0 == 0 }) { break }
            let size = try number(header, at: 124, width: 12)
            let dataStart = offset + 512
            guard dataStart + size <= archive.count else { throw ImageError("tar: truncated member at \(offset)") }
            let data = archive[dataStart..<dataStart + size]
            offset = dataStart + (size + 511) / 512 * 512
            let typeFlag = header[header.startIndex + 156]
            switch typeFlag {
            case UInt8(ascii: "x"):
                let records = try paxRecords(data)
                pendingPath = records["path"] ?? pendingPath
                pendingLink = records["linkpath"] ?? pendingLink
                continue
            case UInt8(ascii: "L"):
                pendingPath = string(data)
                continue
            case UInt8(ascii: "K"):
                pendingLink = string(data)
                continue
            case UInt8(ascii: "g"):
                continue
            default:
                break
            }
            let prefix = string(header[(header.startIndex + 345)..<(header.startIndex + 500)])
            let shortName = string(header[header.startIndex..<(header.startIndex + 100)])
            var path = pendingPath ?? (prefix.isEmpty ? shortName : prefix + "/" + shortName)
            // Directories are written "name/"; members are compared and extracted without it.
            while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
            let link = pendingLink ?? string(header[(header.startIndex + 157)..<(header.startIndex + 257)])
            pendingPath = nil
            pendingLink = nil
            let kind: TarMember.Kind
            switch typeFlag {
            case UInt8(ascii: "0"), 0, UInt8(ascii: "7"): kind = .file
            case UInt8(ascii: "5"): kind = .directory
            case UInt8(ascii: "2"): kind = .symlink(target: link)
            case UInt8(ascii: "1"): kind = .hardLink(target: link)
            default: kind = .unsupported(typeFlag: typeFlag)
            }
            if kind == .file && size > limits.maximumMemberBytes {
                throw ImageError("tar: \(path) is \(size) bytes, above the limit of \(limits.maximumMemberBytes) per file")
            }
            let mode = UInt32(try number(header, at: 100, width: 8) & 0o7777)
            members.append(TarMember(path: path, kind: kind, mode: mode, contents: kind == .file ? data : []))
        }
        return members
    }

    /// A NUL-terminated field.
    private static func string(_ bytes: ArraySlice<UInt8>) -> String {
        String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
    }

    /// An octal field (spaces and NULs around it ignored).
    private static func number(_ header: ArraySlice<UInt8>, at offset: Int, width: Int) throws -> Int {
        let start = header.startIndex + offset
        let field = header[start..<start + width]
        if let first = field.first, first & 0x80 != 0 {
            throw ImageError("tar: base-256 numeric fields are not supported")
        }
        let text = string(field).trimmingSpaces()
        if text.isEmpty { return 0 }
        // Octal digits only: Int(radix:) would also take a sign, and a negative size is a bad range.
        guard text.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "7")).contains($0) }), let value = Int(text, radix: 8)
        else { throw ImageError("tar: bad numeric field \(text)") }
        return value
    }

    /// PAX extended header records: "<length> <key>=<value>\n", the length counting the whole
    /// record; a record shorter than its own prefix or running past the data is refused.
    private static func paxRecords(_ data: ArraySlice<UInt8>) throws -> [String: String] {
        var records: [String: String] = [:]
        var cursor = data.startIndex
        while cursor < data.endIndex {
            if data[cursor] == 0 { break }  // padding after the last record
            guard let space = data[cursor...].prefix(20).firstIndex(of: UInt8(ascii: " ")),
                space > cursor, data[cursor..<space].allSatisfy({ (48...57).contains($0) }),
                let length = Int(String(decoding: data[cursor..<space], as: UTF8.self)),
                length > space - cursor + 1, length <= data.endIndex - cursor,
                data[cursor + length - 1] == UInt8(ascii: "\n")
            else { throw ImageError("tar: malformed PAX record at byte \(cursor - data.startIndex)") }
            let record = String(decoding: data[(space + 1)..<(cursor + length - 1)], as: UTF8.self)
            if let equals = record.firstIndex(of: "=") {
                records[String(record[..<equals])] = String(record[record.index(after: equals)...])
            }
            cursor += length
        }
        return records
    }
}

extension String {
    fileprivate func trimmingSpaces() -> String {
        String(String(drop(while: { $0 == " " }).reversed()).drop(while: { $0 == " " }).reversed())
    }
}
