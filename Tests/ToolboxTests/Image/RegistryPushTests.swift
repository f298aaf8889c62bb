import Foundation
import Testing

@testable import ToolboxCore
@testable import ToolboxHTTP
@testable import ToolboxSigV4

/// Pushes to a real docker-registry over libcurl, checked with skopeo and umoci.
@Suite("Registry push", .serialized)
struct RegistryPushTests {
    typealias Support = ImageTestSupport

    static func buildEchoServer(in store: ImageStore) throws -> BuiltImage {
        try ImageBuilder(store: store).build(
            ImageBuilderTests.echoServerRecipe(),
            provenance: ImageBuilderTests.provenance
        )
    }

    @Test("Push: skopeo sees tag, labels and layer; a second push uploads nothing; the pulled image runs")
    func anonymousPushRoundTrip() async throws {
        let registry = try TestRegistry()
        defer { registry.stop() }
        let directory = try Support.makeScratch("push")
        defer { Support.removeScratch(directory) }
        let store = ImageStore(root: directory.appendingPathComponent("images"))
        let image = try Self.buildEchoServer(in: store)
        let images = ProjectImages(projectRoot: directory, store: store)
        let endpoint = try RegistryEndpoint(parsing: registry.address)
        let first = try await images.push(image.reference, to: endpoint, credentials: nil, transport: CurlTransport()) {
            _ in
        }
        #expect(first.uploadedBlobs.count == 2)

        let remote = "docker://\(registry.address)/echo-server:\(image.reference.tag)"
        let inspected = try Support.run("skopeo", ["inspect", "--tls-verify=false", remote]).output
        struct Inspection: Decodable {
            var Digest: String
            var Labels: [String: String]
            var Layers: [String]
        }
        let inspection = try JSONDecoder().decode(Inspection.self, from: Data(inspected.utf8))
        let manifest = try store.manifest(for: image.reference).manifest
        #expect(inspection.Digest == image.manifest.digest.value)
        #expect(inspection.Layers == manifest.layers.map(\.digest.value))
        #expect(inspection.Labels[OCIAnnotation.revision] == ImageBuilderTests.provenance.commit)
        #expect(inspection.Labels[OCIAnnotation.version] == "0.9")

        let events = EventLog()
        let second = try await images.push(image.reference, to: endpoint, credentials: nil, transport: CurlTransport())
        {
            events.append($0)
        }
        #expect(second.uploadedBlobs.isEmpty && second.presentBlobs.count == 2)
        #expect(events.all.filter { if case .blobUploaded = $0 { true } else { false } }.isEmpty)

        // Pulled by skopeo into a fresh layout, unpacked by us and by umoci: the server runs.
        let pulled = ImageStore(root: directory.appendingPathComponent("pulled"))
        try FileManager.default.createDirectory(at: pulled.root, withIntermediateDirectories: true)
        try Support.run(
            "skopeo",
            [
                "copy", "--src-tls-verify=false", remote,
                "oci:\(pulled.layoutDirectory(for: "echo-server").path):\(image.reference.tag)",
            ]
        )
        let unpacked = try pulled.unpackRootFilesystem(image.reference, into: directory.appendingPathComponent("run"))
        try Self.expectServerAnswers(unpacked, log: directory.appendingPathComponent("server.log"))
        try Support.run(
            "umoci",
            [
                "unpack", "--rootless", "--image",
                "\(pulled.layoutDirectory(for: "echo-server").path):\(image.reference.tag)",
                directory.appendingPathComponent("bundle").path,
            ]
        )
        #expect(
            FileManager.default.isExecutableFile(
                atPath: directory.appendingPathComponent("bundle/rootfs/usr/local/bin/echo-server").path
            )
        )
    }

    /// Runs the unpacked echo-server on a free loopback port and calls it from Python's grpcio.
    static func expectServerAnswers(_ unpacked: UnpackedImage, log: URL) throws {
        let port = try TestRegistry.freeLoopbackPort()
        let server = try ImageProcess(
            try unpacked.hostCommand(),
            environment: ["PORT": "\(port)", "BIND_ADDRESS": "127.0.0.1"],
            log: log
        )
        defer { server.stop() }
        #expect(server.waitForOutput("Echo Server Version 0.9"), "\(server.output)")
        var ready = false
        for _ in 0..<100 where !ready {
            ready = TestRegistry.canConnect(port: port)
            if !ready { usleep(100_000) }
        }
        let call = try Support.run(
            "python3",
            [Support.fixtures.appendingPathComponent("grpc_call.py").path, "127.0.0.1:\(port)"]
        )
        #expect(call.output.contains("Hello, Image-san!"), "\(call.output) \(call.error)")
        #expect(call.output.hasSuffix("SERVING\n"))
    }

    @Test("Basic authorization: refused without a login, accepted with it, readable by skopeo with it")
    func basicAuthorizationPush() async throws {
        let registry = try TestRegistry(basicLogin: (user: "ci", password: "pa55-word"))
        defer { registry.stop() }
        let directory = try Support.makeScratch("basic")
        defer { Support.removeScratch(directory) }
        let store = ImageStore(root: directory.appendingPathComponent("images"))
        let image = try Self.buildEchoServer(in: store)
        let images = ProjectImages(projectRoot: directory, store: store)
        let endpoint = try RegistryEndpoint(parsing: registry.address)
        let refused = await #expect(throws: RegistryError.self) {
            try await images.push(image.reference, to: endpoint, credentials: nil, transport: CurlTransport()) { _ in }
        }
        #expect(refused?.status == 401)
        let login = RegistryCredentials(username: "ci", password: "pa55-word")
        let summary = try await images.push(
            image.reference,
            to: endpoint,
            credentials: login,
            transport: CurlTransport()
        ) { _ in }
        #expect(summary.uploadedBlobs.count == 2)
        let inspected = try Support.run(
            "skopeo",
            [
                "inspect", "--tls-verify=false", "--creds", "ci:pa55-word",
                "docker://\(registry.address)/echo-server:\(image.reference.tag)",
            ]
        )
        #expect(inspected.output.contains(image.manifest.digest.value))
    }
}

/// Collects push events from the progress callback.
final class EventLog: @unchecked Sendable {
    private let lock = NSLock()
    private var events: [PushEvent] = []

    func append(_ event: PushEvent) { lock.withLock { events.append(event) } }

    var all: [PushEvent] { lock.withLock { events } }
}
