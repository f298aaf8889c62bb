import CLibgit2

/// A git object id (SHA-1) as the 40 hex digits git prints.
public struct GitObjectID: Hashable, Sendable, CustomStringConvertible {
    public let hex: String

    public var description: String { hex }

    init(_ oid: git_oid) {
        var copy = oid
        var buffer = [CChar](repeating: 0, count: 41)
        git_oid_tostr(&buffer, buffer.count, &copy)
        hex = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Parses 40 hex digits; throws for anything else.
    public init(hex: String) throws {
        var oid = git_oid()
        try gitCheck("parse object id \(hex)") { git_oid_fromstr(&oid, hex) }
        self.init(oid)
    }

    var oid: git_oid {
        var oid = git_oid()
        _ = git_oid_fromstr(&oid, hex)
        return oid
    }
}
