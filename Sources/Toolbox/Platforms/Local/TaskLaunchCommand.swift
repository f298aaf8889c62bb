import Foundation
import ToolboxCore

/// How a revision's tasks start: the program, its arguments and the environment its artifact
/// brings (an image's Env). Saved beside the artifact, so a task replaced later starts the same way.
struct TaskLaunchCommand: Codable, Sendable, Equatable {
    var executable: String
    var arguments: [String] = []
    var environment: [String: String] = [:]
}

extension LocalPlatform {
    /// Puts the revision's artifact under `.toolbox/`, so a later build never changes a running
    /// revision: an image is unpacked (its tasks run the files that ship), an executable copied.
    func installArtifact(_ source: RevisionSource, spec: ServiceSpec) throws(ToolboxError) -> TaskLaunchCommand {
        let command: TaskLaunchCommand
        switch source.artifact {
        case .localImage(let name):
            guard let image = LocalImageArtifact(artifact: name) else { throw ToolboxError("not an image name: \(name)") }
            command = try unpack(image, tag: source.tag, spec: spec)
        case .executable(let path):
            command = TaskLaunchCommand(executable: try copyExecutable(path, tag: source.tag, spec: spec).path)
        case .registryImage(let reference):
            throw .refused("the local target runs executables and local images, not the registry image \(reference)")
        case .deployed:
            throw ToolboxError("revision \(source.tag) names no artifact to start it from")
        }
        let file = paths.launchCommand(tag: source.tag, executable: spec.executable)
        do {
            try JSONEncoder().encode(command).write(to: file, options: .atomic)
        } catch {
            throw ToolboxError("cannot record how to start \(spec.executable) in \(file.path): \(error.localizedDescription)")
        }
        return command
    }

    /// The command `installArtifact` recorded for a revision (a copied executable when none was).
    func launchCommand(tag: String, spec: ServiceSpec) -> TaskLaunchCommand {
        let file = paths.launchCommand(tag: tag, executable: spec.executable)
        if let data = FileManager.default.contents(atPath: file.path),
            let command = try? JSONDecoder().decode(TaskLaunchCommand.self, from: data)
        {
            return command
        }
        return TaskLaunchCommand(executable: paths.artifact(tag: tag, executable: spec.executable).path)
    }

    private func unpack(_ image: LocalImageArtifact, tag: String, spec: ServiceSpec) throws(ToolboxError) -> TaskLaunchCommand {
        do {
            Console.say("Unpacking image \(image.reference) for \(spec.name) \(tag)...")
            let unpacked = try image.store.unpackRootFilesystem(
                image.reference,
                into: paths.artifacts.appendingPathComponent(tag).appendingPathComponent("\(spec.executable)-image")
            )
            let command = try unpacked.hostCommand()
            let environment = Dictionary(
                unpacked.environment.compactMap { entry -> (String, String)? in
                    guard let equals = entry.firstIndex(of: "=") else { return nil }
                    return (String(entry[..<equals]), String(entry[entry.index(after: equals)...]))
                },
                uniquingKeysWith: { _, last in last }
            )
            Console.say("\(spec.name) \(tag) runs \(image.reference) (\(unpacked.manifestDigest)) from \(unpacked.rootFilesystem.path)")
            return TaskLaunchCommand(executable: command[0], arguments: Array(command.dropFirst()), environment: environment)
        } catch let error as ToolboxError {
            throw error
        } catch {
            throw ToolboxError("cannot unpack image \(image.reference): \(error)")
        }
    }

    private func copyExecutable(_ path: String, tag: String, spec: ServiceSpec) throws(ToolboxError) -> URL {
        let destination = paths.artifact(tag: tag, executable: spec.executable)
        do {
            try FileManager.default.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? FileManager.default.removeItem(at: destination)
            try FileManager.default.copyItem(at: URL(fileURLWithPath: path), to: destination)
        } catch {
            throw ToolboxError("cannot copy \(path) into \(destination.path): \(error.localizedDescription)")
        }
        return destination
    }
}
