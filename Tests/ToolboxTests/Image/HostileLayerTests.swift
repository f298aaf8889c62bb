import Foundation
import Testing

@testable import ToolboxCore

/// `image unpack` of layouts built elsewhere, each made to hurt the machine that unpacks it.
@Suite("Hostile layers")
struct HostileLayerTests {
    typealias Support = ImageTestSupport

    @Test("A whiteout of '..' is refused and removes nothing next to the unpack folder")
    func whiteoutOfParentIsRefused() throws {
        let scratch = try Support.makeScratch("hostile-wh")
        defer { Support.removeScratch(scratch) }
        let layout = try HostileLayout(scratch: scratch, layers: [[RawTar.file("etc/hosts", "x"), RawTar.file(".wh...")]])
        try FileManager.default.createDirectory(at: layout.unpackDirectory, withIntermediateDirectories: true)
        let neighbour = layout.unpackDirectory.appendingPathComponent("neighbour.txt")
        try Data("keep me".utf8).write(to: neighbour)
        #expect(throws: ImageError.self) { try layout.unpack() }
        #expect(FileManager.default.fileExists(atPath: neighbour.path))
        #expect(FileManager.default.fileExists(atPath: scratch.appendingPathComponent("images/hostile/index.json").path))
    }

    @Test("A hard link through a symlink member is refused without copying what lies outside")
    func hardLinkThroughSymlinkIsRefused() throws {
        let scratch = try Support.makeScratch("hostile-link")
        defer { Support.removeScratch(scratch) }
        let outside = scratch.appendingPathComponent("outside")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        try Data("secret".utf8).write(to: outside.appendingPathComponent("secret"))
        let layout = try HostileLayout(scratch: scratch, layers: [[
            RawTar.Member(name: "escape", type: "2", mode: 0o777, link: outside.path),
            RawTar.Member(name: "stolen", type: "1", link: "escape/secret"),
        ]])
        #expect(throws: ImageError.self) { try layout.unpack() }
        #expect(!layout.exists("stolen"))
        #expect(try String(contentsOf: outside.appendingPathComponent("secret"), encoding: .utf8) == "secret")
    }

    @Test("A hard link to a real file inside the root is kept")
    func hardLinkInsideTheRootWorks() throws {
        let scratch = try Support.makeScratch("hostile-hardlink")
        defer { Support.removeScratch(scratch) }
        let layout = try HostileLayout(scratch: scratch, layers: [[
            RawTar.file("bin/app", "#!/bin/true\n", mode: 0o755),
            RawTar.Member(name: "bin/alias", type: "1", link: "bin/app"),
        ]])
        try layout.unpack()
        let alias = layout.rootFilesystem.appendingPathComponent("bin/alias")
        #expect(try String(contentsOf: alias, encoding: .utf8) == "#!/bin/true\n")
    }

    @Test("setuid, setgid, sticky and world-write bits are dropped; devices and FIFOs are skipped")
    func modesAreMaskedAndDevicesSkipped() throws {
        let scratch = try Support.makeScratch("hostile-mode")
        defer { Support.removeScratch(scratch) }
        let layout = try HostileLayout(scratch: scratch, layers: [[
            RawTar.Member(name: "tmp", type: "5", mode: 0o1777),
            RawTar.file("bin/su", "x", mode: 0o4755),
            RawTar.file("bin/sg", "x", mode: 0o2775),
            RawTar.file("etc/open", "x", mode: 0o666),
            RawTar.Member(name: "dev/sda", type: "4", mode: 0o660),
            RawTar.Member(name: "dev/tty", type: "3", mode: 0o666),
            RawTar.Member(name: "run/pipe", type: "6", mode: 0o600),
        ]])
        try layout.unpack()
        #expect(layout.mode(of: "tmp") == 0o775)
        #expect(layout.mode(of: "bin/su") == 0o755)
        #expect(layout.mode(of: "bin/sg") == 0o775)
        #expect(layout.mode(of: "etc/open") == 0o664)
        #expect(!layout.exists("dev/sda") && !layout.exists("dev/tty") && !layout.exists("run/pipe"))
    }

    @Test("A file above the member limit and a gzip bomb above the layer limit fail with clear errors")
    func sizeCapsAreEnforced() throws {
        let scratch = try Support.makeScratch("hostile-size")
        defer { Support.removeScratch(scratch) }
        let limits = LayerLimits(maximumMemberBytes: 4096, maximumLayerBytes: 1 << 20)
        let big = try HostileLayout(scratch: scratch, layers: [[RawTar.Member(name: "big", data: [UInt8](repeating: 7, count: 8192))]])
        #expect { try big.unpack(limits: limits) } throws: { "\($0)".contains("above the limit of 4096 per file") }

        let bomb = try Gzip.compress([UInt8](repeating: 0, count: 16 << 20), level: 9)
        #expect(bomb.count < 64 << 10)
        #expect { try Gzip.decompress(bomb, limit: 1 << 20) } throws: { "\($0)".contains("more than 1048576 bytes") }
    }

    @Test("A blob changed after it was written, or a layer not matching its diff_id, is refused on read")
    func digestsAreVerifiedOnRead() throws {
        let scratch = try Support.makeScratch("hostile-digest")
        defer { Support.removeScratch(scratch) }
        let layout = try HostileLayout(scratch: scratch, layers: [[RawTar.file("etc/hosts", "x")]])
        let file = try layout.layerFile(0)
        let original = try Data(contentsOf: file)
        // Same digest name, other (valid gzip) content: only a re-hash on read notices.
        try Data(Gzip.compress(RawTar.archive([RawTar.file("etc/hosts", "evil")]))).write(to: file)
        #expect { try layout.unpack() } throws: { "\($0)".contains("is corrupt") }
        #expect(!layout.exists("etc/hosts"))
        try original.write(to: file)
        try layout.unpack()
        #expect(layout.exists("etc/hosts"))
    }

    @Test("Malformed headers are errors, never traps", arguments: [
        ("PAX record shorter than its prefix", RawTar.archive([RawTar.Member(name: "pax", type: "x", data: Array("1 path=x\n".utf8))])),
        ("PAX record longer than its data", RawTar.archive([RawTar.Member(name: "pax", type: "x", data: Array("90 path=x\n".utf8))])),
        ("PAX length that overflows", RawTar.archive([RawTar.Member(name: "pax", type: "x", data: Array("99999999999999999999 a=b\n".utf8))])),
        ("negative size", negativeSize()),
    ])
    func malformedHeadersAreErrors(_ label: String, _ archive: [UInt8]) throws {
        #expect(throws: ImageError.self, "\(label)") { try TarReader.members(of: archive) }
    }

    /// A header whose size field reads "-1" in octal (Int(radix:) would accept the sign).
    static func negativeSize() -> [UInt8] {
        var archive = RawTar.archive([RawTar.file("a", "")])
        let field = Array("-0000000001".utf8)
        archive.replaceSubrange(124..<(124 + field.count), with: field)
        return archive
    }
}
