import Foundation
import Testing

@testable import ToolboxCore

/// Random and mutated tar and gzip bytes through gunzip, the tar reader and the extractor: each
/// case must end in an error or a success, never a trap (a trap would end the whole test run),
/// and nothing may appear outside the root. Seeded, so a failure replays exactly.
@Suite("Layer fuzzing")
struct LayerFuzzTests {
    typealias Support = ImageTestSupport
    static let cases = 3000
    static let limits = LayerLimits(maximumMemberBytes: 64 << 10, maximumLayerBytes: 1 << 20)

    /// A valid layer using every feature the reader knows: the mutations start from here.
    static let seedArchive = RawTar.archive([
        RawTar.Member(name: "PaxHeaders/x", type: "x", data: Array("15 path=pax/nm\n18 linkpath=a/b/c\n".utf8)),
        RawTar.Member(name: "ignored", type: "2", mode: 0o777, link: "ignored"),
        RawTar.Member(name: "././@LongLink", type: "L", data: Array((String(repeating: "l", count: 120) + "\u{0}").utf8)),
        RawTar.file("long", "long name"),
        RawTar.Member(name: "dir", type: "5", mode: 0o4777),
        RawTar.file("dir/file", "contents", mode: 0o6777),
        RawTar.Member(name: "dir/link", type: "1", link: "dir/file"),
        RawTar.Member(name: "up", type: "2", mode: 0o777, link: "../../.."),
        RawTar.file("dir/.wh.file"),
        RawTar.file("dir/.wh..wh..opq"),
        RawTar.Member(name: "dev/null", type: "3"),
    ])

    @Test("Thousands of mutated and random layers end in an error or a success, inside the root")
    func mutatedLayersNeverCrashOrEscape() throws {
        let scratch = try Support.makeScratch("fuzz")
        defer { Support.removeScratch(scratch) }
        let sandbox = scratch.appendingPathComponent("sandbox")
        try FileManager.default.createDirectory(at: sandbox, withIntermediateDirectories: true)
        let sentinel = sandbox.appendingPathComponent("sentinel")
        try Data("here".utf8).write(to: sentinel)
        let seedLayer = try Gzip.compress(Self.seedArchive)
        var generator = SeededGenerator(seed: 0x5EED_17)
        var outcomes = (succeeded: 0, failed: 0)
        for index in 0..<Self.cases {
            let compressed = index % 3 == 0
            let input: [UInt8]
            switch index % 5 {
            case 0: input = (0..<Int.random(in: 0...1536, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            case 1: input = Self.truncate(compressed ? seedLayer : Self.seedArchive, using: &generator)
            default: input = Self.flip(compressed ? seedLayer : Self.seedArchive, using: &generator)
            }
            let root = sandbox.appendingPathComponent("root")
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
            do {
                let archive = compressed ? try Gzip.decompress(input, limit: Self.limits.maximumLayerBytes) : input
                try LayerExtractor(root: root).apply(TarReader.members(of: archive, limits: Self.limits))
                outcomes.succeeded += 1
            } catch {
                outcomes.failed += 1
            }
            try FileManager.default.removeItem(at: root)
            let left = try FileManager.default.contentsOfDirectory(atPath: sandbox.path)
            try #require(left == ["sentinel"], "case \(index) left \(left) beside the root")
        }
        #expect(try String(contentsOf: sentinel, encoding: .utf8) == "here")
        // Both ends were reached: the mutations are neither all fatal nor all harmless.
        #expect(outcomes.succeeded > 100 && outcomes.failed > 100, "\(outcomes)")
    }

    /// One to eight bytes replaced, mostly in the headers where the parsing happens.
    static func flip(_ bytes: [UInt8], using generator: inout SeededGenerator) -> [UInt8] {
        var mutated = bytes
        for _ in 0..<Int.random(in: 1...8, using: &generator) {
            let position = Int.random(in: 0..<mutated.count, using: &generator)
            mutated[position] =
                Bool.random(using: &generator)
                ? UInt8.random(in: 0...255, using: &generator)
                : Array("0123456789 =\n/.x".utf8).randomElement(using: &generator)!
        }
        return mutated
    }

    static func truncate(_ bytes: [UInt8], using generator: inout SeededGenerator) -> [UInt8] {
        Array(bytes.prefix(Int.random(in: 0..<bytes.count, using: &generator)))
    }
}
