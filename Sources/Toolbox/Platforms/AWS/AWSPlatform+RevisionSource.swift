import ToolboxCore

extension AWSPlatform {
    /// A new revision of `spec` on aws: an image reference, SERVER_IMAGE / CLIENT_IMAGE when
    /// given, else the project's ECR repository tagged by commit (pushed there first). A `-dirty`
    /// build is refused unless ALLOW_DIRTY=1. A plan (`publish` false) pushes nothing and names
    /// the digest the push would give.
    public func revisionSource(
        for spec: ServiceSpec,
        environment: [String: String],
        publish: Bool
    ) async throws -> RevisionSource {
        let aws = awsSettings
        let identity = try RevisionIdentity.current(spec, settings: settings)
        do {
            if let notice = try DirtyImagePolicy.check(
                ImageReference(name: spec.executable, tag: identity.tag),
                remoteTarget: true,
                allowDirty: aws.allowDirty
            ) {
                Console.say(notice)
            }
        } catch {
            throw ToolboxError.refused("\(error)")
        }
        let artifact: String
        let isServer = spec.name == serverSpec.name
        if let given = isServer ? aws.serverImage : aws.clientImage {
            artifact = given
        } else {
            let repository = isServer ? names.serverRepository : names.clientRepository
            let publisher = ECRImagePublisher(settings: settings, aws: aws)
            let tag = try RevisionIdentity.images(at: settings.projectDirectory).tag
            artifact =
                publish
                ? try await publisher.publish(spec, tag: tag, repository: repository)
                : try publisher.plannedReference(spec, tag: tag, repository: repository)
        }
        return RevisionSource(
            tag: identity.tag,
            version: identity.version,
            commit: identity.commit,
            artifact: .registryImage(artifact),
            environment: environment
        )
    }
}
