/// Puts a revision's image where its task definition will name it: the project's ECR repository,
/// through the image store, ECR's registry login and the shared `ImagePusher`. The emulator has
/// no registry, so there the push is skipped with one line saying so.
struct ECRImagePublisher {
    let settings: ToolboxSettings
    let aws: AWSSettings

    /// `<account>.dkr.ecr.<region>.amazonaws.com/<repository>:<tag>`, pushed unless on the emulator.
    func publish(_ spec: ServiceSpec, tag: String, repository: String) async throws -> String {
        let image = "\(aws.accountID).dkr.ecr.\(aws.region).amazonaws.com/\(repository):\(tag)"
        guard !aws.usesEmulator else {
            Console.say("Image push skipped for \(image): the emulator (AWS_ENDPOINT_URL) has no registry")
            return image
        }
        let store = ImageStore(projectRoot: settings.projectDirectory)
        let local = ImageReference(name: spec.executable, tag: tag)
        guard (try? store.manifest(for: local)) != nil else {
            throw ToolboxError.refused(
                "no image \(local) in the image store: run make image first, or name one with \(Self.imageKey(spec))"
            )
        }
        let login = try await ECRRegistryLogin.fetch(from: ECR(client: AWSClient.fromEnvironment(settings.values)))
        let registry = RegistryClient(
            endpoint: login.endpoint,
            credentials: login.credentials,
            transport: CurlTransport()
        )
        Console.say("Pushing \(local) to \(image)...")
        let summary = try await ImagePusher(store: store, client: registry).push(local, toRepository: repository)
        Console.say(
            "Pushed \(image) (\(summary.uploadedBlobs.count) layer(s) uploaded, \(summary.presentBlobs.count) already there)"
        )
        return image
    }

    static func imageKey(_ spec: ServiceSpec) -> String {
        spec.name == ServiceSpec.echoServer.name ? "SERVER_IMAGE" : "CLIENT_IMAGE"
    }
}
