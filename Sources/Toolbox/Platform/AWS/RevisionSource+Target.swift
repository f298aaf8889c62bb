extension RevisionSource {
    /// What a new revision of `spec` is made from on the configured target: locally the working
    /// tree's image (or, with LOCAL_ARTIFACT=executable, its executable); on aws an image reference, SERVER_IMAGE / CLIENT_IMAGE when given, else
    /// the project's ECR repository tagged by commit (pushed there first, unless on the emulator).
    /// A `-dirty` build is refused on aws unless ALLOW_DIRTY=1. A plan (`publish` false) pushes
    /// nothing and names the digest the push would give.
    public static func forTarget(
        _ spec: ServiceSpec,
        settings: ToolboxSettings,
        environment: [String: String] = [:],
        publish: Bool = true
    ) async throws -> RevisionSource {
        guard settings.target == .aws else {
            switch settings.localArtifact {
            case .image: return try localImage(spec, settings: settings, environment: environment)
            case .executable: return try workingTree(spec, settings: settings, environment: environment)
            }
        }
        let aws = try AWSSettings(settings.values)
        let names = AWSNames(project: settings.projectName, server: .echoServer, client: .echoClient)
        try names.validate()
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
        let isServer = spec.name == ServiceSpec.echoServer.name
        if let given = isServer ? aws.serverImage : aws.clientImage {
            artifact = given
        } else {
            let repository = isServer ? names.serverRepository : names.clientRepository
            let publisher = ECRImagePublisher(settings: settings, aws: aws)
            let tag = try imageTag(settings)
            artifact =
                publish
                ? try await publisher.publish(spec, tag: tag, repository: repository)
                : try publisher.plannedReference(spec, tag: tag, repository: repository)
        }
        return RevisionSource(
            tag: identity.tag,
            version: identity.version,
            commit: identity.commit,
            artifact: artifact,
            environment: environment
        )
    }

    /// The tag `make image` gave the working tree's images: the server's version and the commit,
    /// whatever the revision is called (the client's own version, or VERSION, name only revisions).
    static func imageTag(_ settings: ToolboxSettings) throws(ToolboxError) -> String {
        do {
            return try ProjectImages(projectRoot: settings.projectDirectory).currentTag()
        } catch {
            throw ToolboxError.refused("cannot tell the working tree's image tag: \(error)")
        }
    }
}
