import Foundation
import Testing

@testable import ToolboxCore
@testable import ToolboxHTTP
@testable import ToolboxSigV4

/// The installed post-commit hook, run by real `git commit`s in a scratch repository, with a
/// real registry; results read back with the git CLI and skopeo.
@Suite("Post-commit hook", .serialized)
struct CommitHookTests {
    typealias Support = ImageTestSupport

    /// A scratch repository with our hook installed by the same script `make install-hooks` runs.
    static func repositoryWithHook() throws -> URL {
        let repository = try Support.makeRepository(version: "0.9")
        let install = Support.packageRoot.appendingPathComponent("scripts/git-hooks/install.sh").path
        try Support.run(install, ["install"], in: repository)
        return repository
    }

    static func commit(
        _ message: String,
        in repository: URL,
        allowEmpty: Bool = false,
        tool: String = Support.debugExecutable("image").path
    ) throws -> String {
        var arguments = ["commit", "-a", "-m", message]
        if allowEmpty { arguments.append("--allow-empty") }
        var environment = ProcessInfo.processInfo.environment
        environment["TOOLBOX_IMAGE_TOOL"] = tool
        for (key, value) in [
            "GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.invalid",
            "GIT_COMMITTER_NAME": "T", "GIT_COMMITTER_EMAIL": "t@example.invalid",
        ] {
            environment[key] = value
        }
        let result = try Support.run("git", arguments, in: repository, environment: environment)
        return result.output + result.error
    }

    static func remoteDigest(_ registry: TestRegistry, _ tag: String) throws -> String? {
        let result = try Support.run(
            "skopeo",
            [
                "inspect", "--tls-verify=false", "--format", "{{.Digest}}",
                "docker://\(registry.address)/echo-server:\(tag)",
            ],
            expectSuccess: false
        )
        #expect(result.status == 0, "skopeo: \(result.error)")
        return result.status == 0 ? result.output.trimmingCharacters(in: .whitespacesAndNewlines) : nil
    }

    @Test("A version bump built dirty: the commit gets the git tag and the image's new tag, without a rebuild")
    func versionBumpTagsGitAndRegistry() async throws {
        let registry = try TestRegistry()
        defer { registry.stop() }
        let repository = try Self.repositoryWithHook()
        defer { Support.removeScratch(repository) }
        let images = ProjectImages(projectRoot: repository)
        try Support.writeVersion("1.0", in: repository)
        let dirty = try images.build(ImageBuilderTests.echoServerRecipe(), compressionLevel: 1)
        #expect(dirty.reference.tag.hasSuffix("-dirty") && dirty.reference.tag.hasPrefix("1.0-"))
        _ = try await images.push(
            dirty.reference,
            to: try RegistryEndpoint(parsing: registry.address),
            credentials: nil,
            transport: CurlTransport()
        ) { _ in }
        let blobsBefore = try FileManager.default.contentsOfDirectory(
            atPath: images.store.layoutDirectory(for: "echo-server").appendingPathComponent("blobs/sha256").path
        )

        let hookOutput = try Self.commit("Bump echo-server to 1.0", in: repository)
        let head = try Support.git(["rev-parse", "HEAD"], in: repository)
        let short = try Support.git(["rev-parse", "--short", "HEAD"], in: repository)
        #expect(try Support.git(["cat-file", "-t", "echo-server/v1.0"], in: repository) == "tag")
        #expect(try Support.git(["rev-parse", "echo-server/v1.0^{commit}"], in: repository) == head)
        #expect(hookOutput.contains("git tag echo-server/v1.0"))
        #expect(try Self.remoteDigest(registry, "1.0-\(short)") == dirty.manifest.digest.value, "\(hookOutput)")
        #expect(try images.store.tags(for: "echo-server").contains("1.0-\(short)"))
        let blobsAfter = try FileManager.default.contentsOfDirectory(
            atPath: images.store.layoutDirectory(for: "echo-server").appendingPathComponent("blobs/sha256").path
        )
        #expect(Set(blobsAfter) == Set(blobsBefore))
    }

    @Test("A commit that keeps a built tree gets its tag; an existing version tag is never moved")
    func keptTreeAndTakenTagName() async throws {
        let registry = try TestRegistry()
        defer { registry.stop() }
        let repository = try Self.repositoryWithHook()
        defer { Support.removeScratch(repository) }
        let images = ProjectImages(projectRoot: repository)
        let clean = try images.build(ImageBuilderTests.echoServerRecipe(), compressionLevel: 1)
        #expect(!clean.reference.tag.hasSuffix("-dirty"))
        _ = try await images.push(
            clean.reference,
            to: try RegistryEndpoint(parsing: registry.address),
            credentials: nil,
            transport: CurlTransport()
        ) { _ in }

        let output = try Self.commit("Only a message", in: repository, allowEmpty: true)
        let short = try Support.git(["rev-parse", "--short", "HEAD"], in: repository)
        #expect(output.contains("not rebuilt"))
        #expect(try Self.remoteDigest(registry, "0.9-\(short)") == clean.manifest.digest.value, "\(output)")
        #expect(try Support.git(["tag", "-l"], in: repository).isEmpty)

        // Someone already used the name: the hook warns in one line and leaves the tag alone.
        let taken = try Support.git(["rev-parse", "HEAD"], in: repository)
        try Support.git(["tag", "-a", "-m", "by hand", "echo-server/v2.0"], in: repository)
        try Support.writeVersion("2.0", in: repository)
        let warning = try Self.commit("Bump to 2.0", in: repository)
        #expect(warning.contains("echo-server/v2.0 already exists"))
        #expect(try Support.git(["rev-parse", "echo-server/v2.0^{commit}"], in: repository) == taken)

        // A hook whose tool fails still lets the commit stand, and says so.
        let before = try Support.git(["rev-parse", "HEAD"], in: repository)
        let failed = try Self.commit("Tool broken", in: repository, allowEmpty: true, tool: "/bin/false")
        #expect(failed.contains("tagging failed"))
        #expect(try Support.git(["rev-parse", "HEAD~1"], in: repository) == before)

        let uninstall = Support.packageRoot.appendingPathComponent("scripts/git-hooks/install.sh").path
        try Support.run(uninstall, ["uninstall"], in: repository)
        #expect(
            !FileManager.default.fileExists(atPath: repository.appendingPathComponent(".git/hooks/post-commit").path)
        )
    }
}
