import Foundation
import Testing

/// LOCAL_ARTIFACT=image, the default: local tasks run the files of the image `make image` built,
/// unpacked under `.toolbox/`, so what is rehearsed is the artifact that ships.
@Suite(.serialized) struct LocalImageRunTests {
    @Test func tasksRunFromTheUnpackedImageAndAStaleImageIsRefused() async throws {
        let project = try ToolboxProject(version: "0.9", settings: ["LOCAL_ARTIFACT": "image", "BAKE": "1"])
        defer { project.cleanUp() }

        // No image yet: refused before anything starts, saying how to get one.
        let noImage = try await project.run("infra", ["up"])
        #expect(noImage.status == 2, "\(noImage.output)")
        #expect(noImage.output.contains("no image echo-server:0.9-") && noImage.output.contains("make image"), "\(noImage.output)")
        #expect(project.state() == nil)

        try await project.buildImages()
        let up = try await project.run("infra", ["up"])
        #expect(up.status == 0, "\(up.output)")
        let first = try #require(project.serverRevision(version: "0.9"))
        try expectTasksRunImage(of: project, tag: first.tag, imageTag: first.tag)

        let load = HTTPLoad(port: project.publicPort, workers: 5)
        try await load.waitForMore(50)
        #expect(load.recorded.suffix(20).versions == ["0.9"])

        // A new commit without a new image: refused, and the state is left exactly as it was.
        try project.setVersion("1.0")
        let stateBefore = try Data(contentsOf: project.directory.appendingPathComponent(".toolbox/local/state.json"))
        let stale = try await project.run("deploy", ["update"])
        #expect(stale.status == 2, "\(stale.output)")
        #expect(stale.output.contains("no image echo-server:1.0-"), "\(stale.output)")
        #expect(try Data(contentsOf: project.directory.appendingPathComponent(".toolbox/local/state.json")) == stateBefore)

        // With the new images, the rollout runs 1.0 from its own image, under load, losing nothing.
        try await project.buildImages()
        let update = try await project.run("deploy", ["update"], ["STEPS": "50,100"])
        #expect(update.status == 0, "\(update.output)")
        #expect(update.output.contains("runs echo-server:1.0-"), "\(update.output)")
        try await load.waitForMore(100)
        #expect(load.recorded.suffix(50).versions == ["1.0"])
        let second = try #require(project.serverRevision(version: "1.0"))
        try expectTasksRunImage(of: project, tag: second.tag, imageTag: second.tag)
        let samples = await load.stop()
        #expect(samples.failures.isEmpty, "\(samples.failures.count) failed: \(samples.failures.prefix(3))")

        // Uncommitted work runs only from an image of exactly that work: a -dirty tag names the
        // commit, so an image of other changes under the same tag is refused too.
        let notes = project.directory.appendingPathComponent("NOTES.txt")
        try "draft 1\n".write(to: notes, atomically: true, encoding: .utf8)
        let dirtyWithoutImage = try await project.run("deploy", ["update"], ["VERSION": "1.1"])
        #expect(dirtyWithoutImage.status == 2 && dirtyWithoutImage.output.contains("-dirty in "), "\(dirtyWithoutImage.output)")
        try await project.buildImages(["echo-server"])
        try "draft 2\n".write(to: notes, atomically: true, encoding: .utf8)
        let otherChanges = try await project.run("deploy", ["update"], ["VERSION": "1.1"])
        #expect(otherChanges.status == 2, "\(otherChanges.output)")
        #expect(otherChanges.output.contains("built from other uncommitted changes"), "\(otherChanges.output)")
        #expect(project.serverRevisions().map(\.version) == ["1.0"])

        let pids = project.recordedPIDs()
        #expect(try await project.run("infra", ["down"]).status == 0)
        #expect(pids.allSatisfy { !ProcessLiveness.isAlive($0) })
    }

    /// Every task of the server revision `tag` runs the image's loader on the image's
    /// echo-server, both inside the rootfs unpacked from the manifest the store holds for `imageTag`.
    private func expectTasksRunImage(of project: ToolboxProject, tag: String, imageTag: String) throws {
        let revision = try #require(project.serverRevisions().first { $0.tag == tag })
        let artifact = project.directory.appendingPathComponent(".toolbox/local/artifacts/\(tag)/echo-server-image")
        let rootfs = artifact.appendingPathComponent("rootfs").path
        #expect(revision.pids.count == 2)
        for pid in revision.pids {
            let command = ToolboxProject.commandLine(of: pid)
            #expect(command.first?.hasPrefix(rootfs + "/") == true, "\(command)")
            #expect(command.contains(rootfs + "/usr/local/bin/echo-server"), "\(command)")
        }
        let unpacked = try String(contentsOf: artifact.appendingPathComponent("manifest-digest"), encoding: .utf8)
        #expect(unpacked == project.imageDigest("echo-server", tag: imageTag))
    }
}
