import ToolboxHTTP
import ToolboxAWS
import ToolboxCore

/// Puts a revision's image where its task definition will name it: the project's ECR repository,
/// through the image store, ECR's registry login and the shared `ImagePusher`. The registry is
/// the one GetAuthorizationToken names (on the emulator, the registry `make emulator` starts).
struct ECRImagePublisher {
    let settings: ToolboxSettings
    let aws: AWSSettings

    /// Pushes `spec`'s image tagged `tag` and answers `<registry>/<repository>@<digest>`: the task
    /// definition names exactly the manifest pushed, whatever the tag points at later.
    func publish(_ spec: ServiceSpec, tag: String, repository: String) async throws -> String {
        let store = ImageStore(projectRoot: settings.projectDirectory)
        let (local, _) = try localImage(spec, tag: tag, in: store)
        let login = try await ECRRegistryLogin.fetch(from: ECR(client: AWSClient.fromEnvironment(settings.values)))
        let registry = RegistryClient(
            endpoint: login.endpoint,
            credentials: login.credentials,
            transport: CurlTransport()
        )
        let destination = "\(login.endpoint.host)/\(repository)"
        Console.say("Pushing \(local) to \(destination):\(tag)...")
        let summary = try await ImagePusher(store: store, client: registry).push(local, toRepository: repository)
        let image = "\(destination)@\(summary.manifestDigest)"
        Console.say(
            "Pushed \(image) (\(summary.uploadedBlobs.count) layer(s) uploaded, \(summary.presentBlobs.count) already there)"
        )
        return image
    }

    /// What `publish` would answer, with no call and no push (a plan): the manifest pushed keeps
    /// the digest it has in the image store, and ECR's registry is the account's.
    func plannedReference(_ spec: ServiceSpec, tag: String, repository: String) throws -> String {
        let store = ImageStore(projectRoot: settings.projectDirectory)
        let (_, digest) = try localImage(spec, tag: tag, in: store)
        return "\(aws.accountID).dkr.ecr.\(aws.region).amazonaws.com/\(repository)@\(digest)"
    }

    /// The working tree's image of `spec` and its manifest's digest, refused when make image has not built it.
    private func localImage(_ spec: ServiceSpec, tag: String, in store: ImageStore) throws -> (ImageReference, ContentDigest) {
        let local = ImageReference(name: spec.executable, tag: tag)
        guard let (descriptor, _) = try? store.manifest(for: local) else {
            throw ToolboxError.refused(
                "no image \(local) in the image store: run make image first, or name one with \(Self.imageKey(spec))"
            )
        }
        return (local, descriptor.digest)
    }

    static func imageKey(_ spec: ServiceSpec) -> String {
        spec.kind == .grpc ? "SERVER_IMAGE" : "CLIENT_IMAGE"
    }
}
