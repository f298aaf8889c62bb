import ToolboxCore

extension LocalPlatform {
    /// A new revision of `spec` locally: the working tree's image, or with
    /// LOCAL_ARTIFACT=executable its executable. Nothing is published, so a plan is the same.
    public func revisionSource(
        for spec: ServiceSpec,
        environment: [String: String],
        publish: Bool
    ) async throws -> RevisionSource {
        switch settings.localArtifact {
        case .image: return try RevisionSource.localImage(spec, settings: settings, environment: environment)
        case .executable: return try RevisionSource.workingTree(spec, settings: settings, environment: environment)
        }
    }
}
