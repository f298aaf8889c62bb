extension RevisionSource {
    /// What a new revision of `spec` is made from on the configured target: the working tree's
    /// executable locally; on aws an image reference, SERVER_IMAGE / CLIENT_IMAGE when given, else
    /// the project's ECR repository tagged by commit. A `-dirty` build is refused on aws unless
    /// ALLOW_DIRTY=1.
    public static func forTarget(
        _ spec: ServiceSpec,
        settings: ToolboxSettings,
        environment: [String: String] = [:]
    ) throws(ToolboxError) -> RevisionSource {
        guard settings.target == .aws else {
            return try workingTree(spec, settings: settings, environment: environment)
        }
        let aws = try AWSSettings(settings.values)
        let identity = try RevisionIdentity.current(spec, settings: settings)
        let names = AWSNames(project: settings.projectName, server: .echoServer, client: .echoClient)
        let isServer = spec.name == ServiceSpec.echoServer.name
        let imageKey = isServer ? "SERVER_IMAGE" : "CLIENT_IMAGE"
        if DirtyImagePolicy.isDirty(ImageReference(name: spec.executable, tag: identity.tag)), !aws.allowDirty {
            throw .refused(
                "refusing to deploy \(spec.executable):\(identity.tag): built from uncommitted work (commit it, or set ALLOW_DIRTY=1)"
            )
        }
        if let given = settings.values[imageKey], !given.isEmpty {
            guard !given.contains(where: \.isWhitespace), given.contains(":") || given.contains("@") else {
                throw .refused("\(imageKey) must be an image reference with a tag, got '\(given)'")
            }
            return RevisionSource(
                tag: identity.tag,
                version: identity.version,
                commit: identity.commit,
                artifact: given,
                environment: environment
            )
        }
        let repository = isServer ? names.serverRepository : names.clientRepository
        let image = "\(aws.accountID).dkr.ecr.\(aws.region).amazonaws.com/\(repository):\(identity.tag)"
        guard aws.usesEmulator else {
            throw .refused(
                "\(imageKey) is not set: push \(spec.executable):\(identity.tag) to \(repository) (make push TARGET=aws) and set \(imageKey)=\(image)"
            )
        }
        Console.say("Image push skipped for \(image): the emulator (AWS_ENDPOINT_URL) has no registry")
        return RevisionSource(
            tag: identity.tag,
            version: identity.version,
            commit: identity.commit,
            artifact: image,
            environment: environment
        )
    }
}
