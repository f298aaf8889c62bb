import Foundation

@testable import ToolboxCore

/// Hand-made tar bytes, header field by header field, for layers no honest writer produces:
/// any type flag, any link target, any mode, a raw PAX body.
enum RawTar {
    struct Member {
        var name: String
        var type: Character = "0"
        var mode: UInt32 = 0o644
        var link: String = ""
        var data: [UInt8] = []
    }

    static func file(_ name: String, _ text: String = "", mode: UInt32 = 0o644) -> Member {
        Member(name: name, mode: mode, data: Array(text.utf8))
    }

    static func archive(_ members: [Member]) -> [UInt8] {
        var bytes: [UInt8] = []
        for member in members {
            bytes += header(member)
            bytes += member.data
            bytes += [UInt8](repeating: 0, count: (512 - member.data.count % 512) % 512)
        }
        return bytes + [UInt8](repeating: 0, count: 1024)
    }

    /// A gzip-compressed layer of `members`.
    static func layer(_ members: [Member]) throws -> [UInt8] {
        try Gzip.compress(archive(members))
    }

    static func header(_ member: Member) -> [UInt8] {
        var header = [UInt8](repeating: 0, count: 512)
        func put(_ text: String, at offset: Int, width: Int) {
            for (index, byte) in text.utf8.prefix(width).enumerated() { header[offset + index] = byte }
        }
        func octal(_ value: Int, at offset: Int, width: Int) {
            let digits = String(value, radix: 8)
            put(String(repeating: "0", count: max(0, width - 1 - digits.count)) + digits, at: offset, width: width - 1)
        }
        put(member.name, at: 0, width: 100)
        octal(Int(member.mode), at: 100, width: 8)
        octal(0, at: 108, width: 8)
        octal(0, at: 116, width: 8)
        octal(member.data.count, at: 124, width: 12)
        octal(0, at: 136, width: 12)
        header[156] = member.type.asciiValue ?? 0
        put(member.link, at: 157, width: 100)
        put("ustar\u{0}00", at: 257, width: 8)
        // The checksum is computed with its own field as spaces.
        for index in 148..<156 { header[index] = UInt8(ascii: " ") }
        let sum = header.reduce(0) { $0 + Int($1) }
        let digits = String(sum, radix: 8)
        put(String(repeating: "0", count: max(0, 6 - digits.count)) + digits + "\u{0} ", at: 148, width: 8)
        return header
    }
}
