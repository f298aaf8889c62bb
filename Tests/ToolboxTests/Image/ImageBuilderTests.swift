import Foundation
import Testing

@testable import ToolboxCore

/// Images assembled from the debug echo-server, read back by skopeo and umoci and by our unpacker.
@Suite("Image assembly", .serialized)
struct ImageBuilderTests {
    typealias Support = ImageTestSupport

    static let provenance = RevisionIdentity(
        commit: "0123456789abcdef0123456789abcdef01234567",
        shortCommit: "0123456",
        tree: "89abcdef0123456789abcdef0123456789abcdef",
        isDirty: true,
        version: "0.9",
        created: Date(timeIntervalSince1970: 1_764_000_000)
    )

    static func echoServerRecipe() -> ImageRecipe {
        ImageRecipe(
            name: "echo-server",
            executable: Support.debugExecutable("echo-server"),
            exposedPorts: [50051],
            environment: ["LOG_LEVEL=info"],
            includesCACertificates: true,
            source: "https://example.invalid/echo"
        )
    }

    @Test("Two builds of the same inputs give the same digest, in two different stores")
    func reproducible() throws {
        let directory = try Support.makeScratch("repro")
        defer { Support.removeScratch(directory) }
        let first = try ImageBuilder(store: ImageStore(root: directory.appendingPathComponent("a"))).build(
            Self.echoServerRecipe(),
            provenance: Self.provenance
        )
        let second = try ImageBuilder(store: ImageStore(root: directory.appendingPathComponent("b"))).build(
            Self.echoServerRecipe(),
            provenance: Self.provenance
        )
        #expect(first == second)
        #expect(first.reference.description == "echo-server:0.9-0123456-dirty")
    }

    @Test("skopeo reads the layout: labels, user, ports, entrypoint; the layer holds binary, closure and /etc")
    func skopeoReadsLayout() throws {
        let directory = try Support.makeScratch("layout")
        defer { Support.removeScratch(directory) }
        let store = ImageStore(root: directory)
        let image = try ImageBuilder(store: store).build(Self.echoServerRecipe(), provenance: Self.provenance)
        let layout = "oci:\(store.layoutDirectory(for: "echo-server").path):\(image.reference.tag)"
        let inspected = try Support.run("skopeo", ["inspect", "--config", layout]).output
        let configuration = try JSONDecoder().decode(OCIImageConfiguration.self, from: Data(inspected.utf8))
        let labels = configuration.config.Labels ?? [:]
        #expect(labels[OCIAnnotation.revision] == Self.provenance.commit)
        #expect(labels[OCIAnnotation.version] == "0.9")
        #expect(labels[OCIAnnotation.created] == "2025-11-24T16:00:00Z")
        #expect(labels[OCIAnnotation.source] == "https://example.invalid/echo")
        #expect(labels[OCIAnnotation.tree] == Self.provenance.tree)
        #expect(configuration.created == "2025-11-24T16:00:00Z")
        #expect(configuration.config.User == "10001:10001")
        #expect(configuration.config.ExposedPorts?.keys.sorted() == ["50051/tcp"])
        #expect(configuration.config.Entrypoint == ["/usr/local/bin/echo-server"])

        let layer = try store.manifest(for: image.reference).manifest.layers[0]
        let listing = try Support.run("tar", ["-tzf", store.blobFile(layer.digest, for: "echo-server").path]).output
        let paths = Set(listing.split(separator: "\n").map(String.init))
        let closure = try LibraryClosure.of(executable: Support.debugExecutable("echo-server"))
        #expect(
            paths.isSuperset(of: [
                "usr/local/bin/echo-server", "etc/passwd", "etc/group", "etc/nsswitch.conf",
                "etc/hosts", "etc/ssl/certs/ca-certificates.crt", "tmp/",
            ])
        )
        #expect(paths.isSuperset(of: closure.libraries.map { String($0.dropFirst()) }))
        #expect(paths.contains(String(try #require(closure.loader).dropFirst())))
        // Exactly the closure: no shared library the executable does not load.
        let libraries = paths.filter { $0.contains(".so") }
        #expect(libraries.count == closure.libraries.count + 1)
    }

    /// A `find -printf "%p %y %m %s"` line with the mode our unpacker would give that member.
    static func maskedMode(_ line: Substring) -> Substring {
        var fields = line.split(separator: " ", omittingEmptySubsequences: false)
        guard fields.count == 4, fields[1] != "l", let mode = UInt32(fields[2], radix: 8) else { return line }
        let kept = mode & LayerExtractor.keptModeBits | (fields[1] == "d" ? 0o700 : 0)
        fields[2] = Substring(String(kept, radix: 8))
        return Substring(fields.joined(separator: " "))
    }

    @Test("umoci unpacks the same files our unpacker does, and the unpacked echo-server runs")
    func unpackedImageRuns() throws {
        let directory = try Support.makeScratch("unpack")
        defer { Support.removeScratch(directory) }
        let store = ImageStore(root: directory.appendingPathComponent("images"))
        let image = try ImageBuilder(store: store).build(Self.echoServerRecipe(), provenance: Self.provenance)
        let ours = try store.unpackRootFilesystem(image.reference, into: directory.appendingPathComponent("ours"))
        #expect(ours.entrypoint == ["/usr/local/bin/echo-server"])
        #expect(ours.exposedPorts == [50051])
        let bundle = directory.appendingPathComponent("umoci")
        try Support.run(
            "umoci",
            [
                "unpack", "--rootless", "--image",
                "\(store.layoutDirectory(for: "echo-server").path):\(image.reference.tag)", bundle.path,
            ]
        )
        let theirs = try Support.run(
            "find",
            [".", "-printf", "%p %y %m %s\n"],
            in: bundle.appendingPathComponent("rootfs")
        )
        let mine = try Support.run("find", [".", "-printf", "%p %y %m %s\n"], in: ours.rootFilesystem)
        // umoci keeps modes as they come; ours drops setuid, setgid, sticky and world-write bits.
        #expect(Set(mine.output.split(separator: "\n")) == Set(theirs.output.split(separator: "\n").map(Self.maskedMode)))

        let port = try TestRegistry.freeLoopbackPort()
        let server = try ImageProcess(
            try ours.hostCommand(),
            environment: ["PORT": "\(port)", "BIND_ADDRESS": "127.0.0.1"],
            log: directory.appendingPathComponent("server.log")
        )
        defer { server.stop() }
        #expect(server.waitForOutput("Echo Server Version"), "\(server.output)")
        // Unpacking again into the same place reuses the root filesystem.
        let again = try store.unpackRootFilesystem(image.reference, into: directory.appendingPathComponent("ours"))
        #expect(again == ours, "\(again) != \(ours)")
    }

    @Test("A layer member that climbs out of the root is refused")
    func refusesEscapingMembers() throws {
        let directory = try Support.makeScratch("escape")
        defer { Support.removeScratch(directory) }
        let extractor = LayerExtractor(root: directory)
        #expect(throws: ImageError.self) {
            try extractor.apply([TarMember(path: "../evil", kind: .file, mode: 0o644, contents: [1])])
        }
        try extractor.apply([TarMember(path: "link", kind: .symlink(target: "/etc"), mode: 0o777, contents: [])])
        #expect(throws: ImageError.self) {
            try extractor.apply([TarMember(path: "link/passwd", kind: .file, mode: 0o644, contents: [1])])
        }
    }
}
