import Foundation

extension RevisionSource {
    /// A revision of `spec` built from the working tree: its executable in the bin folder.
    package static func workingTree(
        _ spec: ServiceSpec,
        settings: ToolboxSettings,
        environment: [String: String] = [:]
    ) throws(ToolboxError) -> RevisionSource {
        let identity = try RevisionIdentity.current(spec, settings: settings)
        let artifact = settings.binDirectory.appendingPathComponent(spec.executable).path
        guard FileManager.default.isExecutableFile(atPath: artifact) else {
            throw .refused("\(artifact) is missing; build it first (make build)")
        }
        return RevisionSource(
            tag: identity.tag, version: identity.version, commit: identity.commit, artifact: .executable(path: artifact),
            environment: environment)
    }
}
