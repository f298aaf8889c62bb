import Foundation
import Testing

@testable import ToolboxCore

/// libgit2's answers checked against the git command line on a scratch repository.
@Suite("GitRepository")
struct GitRepositoryTests {
    typealias Support = ImageTestSupport

    @Test("HEAD commit id, short id, tree id and time match git")
    func headMatchesGit() throws {
        let directory = try Support.makeRepository()
        defer { Support.removeScratch(directory) }
        let repository = try GitRepository(discoveringFrom: directory.appendingPathComponent("Sources/Echo"))
        let head = try repository.headCommit()
        #expect(head.id.hex == (try Support.git(["rev-parse", "HEAD"], in: directory)))
        #expect(
            try repository.shortID(of: head.id) == (try Support.git(["rev-parse", "--short", "HEAD"], in: directory))
        )
        #expect(head.treeID.hex == (try Support.git(["rev-parse", "HEAD^{tree}"], in: directory)))
        let seconds = try Support.git(["log", "-1", "--format=%ct"], in: directory)
        #expect(head.time == Date(timeIntervalSince1970: TimeInterval(Int(seconds)!)))
        #expect(try head.firstParent() == nil)
        #expect(repository.workingDirectory?.standardizedFileURL.path == directory.standardizedFileURL.path)
    }

    @Test("A file's contents at a commit; nil for a missing path")
    func fileContentsAtCommit() throws {
        let directory = try Support.makeRepository(version: "1.2")
        defer { Support.removeScratch(directory) }
        let head = try GitRepository(discoveringFrom: directory).headCommit()
        let contents = try head.fileContents(atPath: "Sources/Echo/Version/EchoVersion.swift")
        #expect(contents.map { String(decoding: $0, as: UTF8.self) } == "public let echoServerVersion = \"1.2\"\n")
        #expect(try head.fileContents(atPath: "no/such/file") == nil)
    }

    @Test("Dirty: modified, staged or untracked files count; ignored ones do not")
    func dirtyState() throws {
        let directory = try Support.makeRepository()
        defer { Support.removeScratch(directory) }
        let repository = try GitRepository(discoveringFrom: directory)
        #expect(try repository.isDirty() == false)
        try Support.write("built", to: ".toolbox/images/ignored", in: directory)
        #expect(try repository.isDirty() == false)
        try Support.write("new", to: "notes/untracked.txt", in: directory)
        #expect(try repository.isDirty() == true)
        try FileManager.default.removeItem(at: directory.appendingPathComponent("notes"))
        try Support.writeVersion("2.0", in: directory)
        #expect(try repository.isDirty() == true)
        try Support.git(["add", "-A"], in: directory)
        #expect(try repository.isDirty() == true)
    }

    @Test("The working tree's id is the tree git writes after add -A, and the index is left alone")
    func workingTreeIDMatchesGit() throws {
        let directory = try Support.makeRepository()
        defer { Support.removeScratch(directory) }
        try Support.writeVersion("3.0", in: directory)
        try Support.write("extra", to: "docs/new.md", in: directory)
        try FileManager.default.removeItem(at: directory.appendingPathComponent(".gitignore"))
        let ours = try GitRepository(discoveringFrom: directory).workingTreeID()
        // Nothing staged by us: the index still equals HEAD.
        #expect(try Support.run("git", ["diff", "--cached", "--quiet"], in: directory).status == 0)
        try Support.git(["add", "-A"], in: directory)
        #expect(ours.hex == (try Support.git(["write-tree"], in: directory)))
    }

    @Test("Annotated and lightweight tags are created, looked up, and never moved")
    func tags() throws {
        let directory = try Support.makeRepository()
        defer { Support.removeScratch(directory) }
        let repository = try GitRepository(discoveringFrom: directory)
        let first = try repository.headCommit().id
        #expect(
            try repository.createAnnotatedTag("echo-server/v0.9", on: first, message: "echo-server 0.9\n") == .created
        )
        #expect(try Support.git(["cat-file", "-t", "echo-server/v0.9"], in: directory) == "tag")
        #expect(try Support.git(["rev-parse", "echo-server/v0.9^{commit}"], in: directory) == first.hex)
        #expect(
            try Support.git(["tag", "-l", "--format=%(contents:subject)", "echo-server/v0.9"], in: directory)
                == "echo-server 0.9"
        )
        #expect(try repository.createLightweightTag("plain", on: first) == .created)
        #expect(try Support.git(["cat-file", "-t", "plain"], in: directory) == "commit")

        try Support.git(["commit", "-q", "--allow-empty", "-m", "second"], in: directory)
        let second = try repository.headCommit().id
        #expect(
            try repository.createAnnotatedTag("echo-server/v0.9", on: second, message: "again\n")
                == .alreadyExists(pointingAt: first)
        )
        #expect(try repository.createLightweightTag("plain", on: second) == .alreadyExists(pointingAt: first))
        #expect(try Support.git(["rev-parse", "echo-server/v0.9^{commit}"], in: directory) == first.hex)
        #expect(try repository.commitTagged("missing") == nil)
        #expect(try repository.headCommit().firstParent()?.id == first)
    }

    @Test("Opening a directory outside any repository fails with libgit2's reason")
    func notARepository() throws {
        let directory = try Support.makeScratch("norepo")
        defer { Support.removeScratch(directory) }
        #expect(throws: GitError.self) { try GitRepository(discoveringFrom: directory) }
    }
}
