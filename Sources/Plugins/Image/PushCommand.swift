import ArgumentParser
import Foundation
import Toolbox

/// `image push`: blobs the registry lacks, then the manifest under its tag; one line per layer.
struct PushCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "push",
        abstract: "Push a built image to a registry (REGISTRY_USERNAME/REGISTRY_PASSWORD log in)."
    )

    @OptionGroup var project: ProjectOptions

    @Argument(help: "name:tag of a built image, or a name alone for the working tree's current tag.")
    var image: String

    @Option(help: "host[:port][/namespace], http:// or https:// optional (loopback defaults to http).")
    var registry: String?

    @Flag(help: "Push to the account's ECR registry, logging in with GetAuthorizationToken (AWS_* settings).")
    var ecr = false

    @Option(help: "With --ecr: the repository namespace (<namespace>/server and <namespace>/client for the echo pair, as the original).")
    var namespace: String?

    func run() async throws {
        try await CommandRunner.run {
            // REGISTRY and PROJECT_NAME come from make variables: refused up front when malformed.
            if let registry { try NameRules.registry(registry) }
            if let namespace, !namespace.isEmpty { try NameRules.projectName(namespace, key: "the ECR namespace (PROJECT_NAME)") }
            let images = project.images
            let reference =
                image.contains(":")
                ? try ImageReference(parsing: image) : ImageReference(name: image, tag: try images.currentTag())
            let environment = ProcessInfo.processInfo.environment
            var endpoint: RegistryEndpoint
            var repository: String?
            var credentials = RegistryCredentials.from(environment: environment)
            if ecr {
                let login = try await ECRRegistryLogin.fetch(from: ECR(client: AWSClient.fromEnvironment(environment)))
                (endpoint, credentials) = (login.endpoint, login.credentials)
                endpoint.namespace = namespace ?? ""
                // ECR keeps the original's repositories: <project>/server and <project>/client.
                repository = endpoint.repository(for: ServiceSpec.repositoryName(forImage: reference.name))
            } else if let registry {
                endpoint = try RegistryEndpoint(parsing: registry)
            } else {
                throw ToolboxError.refused("name a registry with --registry (REGISTRY=) or use --ecr")
            }
            print("pushing \(reference) to \(endpoint)")
            let summary = try await images.push(
                reference,
                to: endpoint,
                repository: repository,
                credentials: credentials,
                transport: CurlTransport()
            ) { event in
                switch event {
                case .blobPresent(let digest, let size): print("  \(digest.short) \(ByteCount.text(size)): already there")
                case .blobUploaded(let digest, let size): print("  \(digest.short) \(ByteCount.text(size)): uploaded")
                case .manifestPut(let repository, let tag, let digest): print("  \(repository):\(tag) -> \(digest)")
                }
            }
            print(
                "pushed \(endpoint.host)/\(summary.repository):\(summary.tag) (\(summary.uploadedBlobs.count) uploaded, "
                    + "\(summary.presentBlobs.count) already there)"
            )
        }
    }
}
