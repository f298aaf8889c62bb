import Foundation
import Testing

@testable import ToolboxCore

/// The tar writer, reader, gzip and digests, checked against tar, gzip and sha256sum.
@Suite("Layer archives")
struct ArchiveTests {
    typealias Support = ImageTestSupport

    static let entries = [
        TarEntry(path: "usr/local/bin/tool", kind: .file(contents: Array("#!/bin/true\n".utf8)), mode: 0o755),
        TarEntry(path: "etc", kind: .directory, mode: 0o755),
        TarEntry(path: "etc/hosts", kind: .file(contents: Array("127.0.0.1 localhost\n".utf8)), mode: 0o644),
        TarEntry(path: "usr", kind: .directory, mode: 0o755),
        TarEntry(path: "usr/local", kind: .directory, mode: 0o755),
        TarEntry(path: "usr/local/bin", kind: .directory, mode: 0o755),
        TarEntry(path: "lib64", kind: .symlink(target: "usr/lib64"), mode: 0o777),
        TarEntry(
            path: String(repeating: "d", count: 90) + "/" + String(repeating: "f", count: 60),
            kind: .file(contents: []),
            mode: 0o600
        ),
    ]

    @Test("GNU tar lists the entries sorted, owned by root, at time zero")
    func tarReadsOurArchive() throws {
        let directory = try Support.makeScratch("tar")
        defer { Support.removeScratch(directory) }
        let file = directory.appendingPathComponent("layer.tar")
        try Data(TarWriter.archive(Self.entries)).write(to: file)
        let listing = try Support.run(
            "tar",
            ["--numeric-owner", "--full-time", "-tvf", file.path],
            environment: ["TZ": "UTC"]
        ).output
        let lines = listing.split(separator: "\n")
        #expect(lines.count == Self.entries.count)
        #expect(
            lines.map { String($0.split(separator: " ").dropFirst(5).first ?? "") }
                == Self.entries.map(\.path).sorted().map { path in
                    Self.entries.first { $0.path == path }?.kind == .directory ? path + "/" : path
                }
        )
        #expect(lines.allSatisfy { $0.contains(" 0/0 ") && $0.contains("1970-01-01 00:00:00") })
        #expect(lines.contains { $0.hasPrefix("lrwxrwxrwx") && $0.hasSuffix("lib64 -> usr/lib64") })
        #expect(lines.contains { $0.hasPrefix("-rwxr-xr-x") && $0.hasSuffix("usr/local/bin/tool") })
    }

    @Test("Our reader gets back what our writer wrote")
    func roundTrip() throws {
        let members = try TarReader.members(of: TarWriter.archive(Self.entries))
        for entry in Self.entries {
            let member = try #require(members.first { $0.path == entry.path })
            #expect(member.mode == entry.mode)
            switch entry.kind {
            case .file(let contents): #expect(Array(member.contents) == contents)
            case .directory: #expect(member.kind == .directory)
            case .symlink(let target): #expect(member.kind == .symlink(target: target))
            }
        }
    }

    @Test("Our reader reads what GNU tar writes in PAX format, long names included")
    func readsGNUTarPax() throws {
        let directory = try Support.makeScratch("pax")
        defer { Support.removeScratch(directory) }
        let longName = String(repeating: "n", count: 180)
        try Support.write("hello", to: "tree/\(longName)", in: directory)
        let archive = directory.appendingPathComponent("pax.tar")
        try Support.run("tar", ["--format=pax", "-cf", archive.path, "-C", directory.path, "tree"])
        let members = try TarReader.members(of: Array(try Data(contentsOf: archive)))
        let member = try #require(members.first { $0.path == "tree/\(longName)" })
        #expect(String(decoding: member.contents, as: UTF8.self) == "hello")
    }

    @Test("gzip: no timestamp in the header, gzip -d restores the bytes, and so do we")
    func gzipRoundTrip() throws {
        let bytes = Array((0..<200_000).map { UInt8(truncatingIfNeeded: $0 * 7 / 3) })
        let compressed = try Gzip.compress(bytes)
        #expect(compressed.prefix(2) == [0x1f, 0x8b])
        #expect(compressed[4..<8] == [0, 0, 0, 0])
        #expect(try Gzip.decompress(compressed) == bytes)
        #expect(try Gzip.compress(bytes) == compressed)
        let directory = try Support.makeScratch("gzip")
        defer { Support.removeScratch(directory) }
        let file = directory.appendingPathComponent("data.gz")
        try Data(compressed).write(to: file)
        try Support.run("gzip", ["-t", file.path])
        #expect(throws: ImageError.self) { try Gzip.decompress(Array("not gzip at all".utf8)) }
    }

    @Test("SHA-256 digests match sha256sum and reject malformed text")
    func digests() throws {
        #expect(
            ContentDigest(of: Array("abc".utf8)).value
                == "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        )
        #expect(throws: ImageError.self) { try ContentDigest(parsing: "sha256:xyz") }
        #expect(throws: ImageError.self) { try ContentDigest(parsing: "md5:" + String(repeating: "0", count: 64)) }
    }
}
