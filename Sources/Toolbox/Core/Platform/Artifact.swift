/// What a revision's tasks run. Stored as one string (the rollout journal's format since before
/// the type existed), which tells the cases apart: `oci:` for a local image, a path for an
/// executable, an empty string for a revision already deployed, anything else a registry image.
public enum Artifact: Sendable, Equatable, Codable, CustomStringConvertible {
    /// An executable the local target copies and runs.
    case executable(path: String)
    /// An image in the project's image store, `oci:<layout folder>:<tag>`, that the local target unpacks.
    case localImage(String)
    /// An image reference a registry serves (`<registry>/<repository>@<digest>`), which ECS pulls.
    case registryImage(String)
    /// A revision that is already deployed: nothing to start it from.
    case deployed

    public init(_ text: String) {
        if text.isEmpty {
            self = .deployed
        } else if text.hasPrefix("oci:") {
            self = .localImage(text)
        } else if text.hasPrefix("/") {
            self = .executable(path: text)
        } else {
            self = .registryImage(text)
        }
    }

    public var description: String {
        switch self {
        case .executable(let path): path
        case .localImage(let name): name
        case .registryImage(let reference): reference
        case .deployed: ""
        }
    }

    public init(from decoder: any Decoder) throws {
        self.init(try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
