import Foundation

/// Where an image's manifests were pushed, kept beside its layout (`pushes.json`), so the
/// post-commit hook knows which registries should receive a new tag.
public struct PushRecord: Codable, Sendable, Hashable {
    /// The registry endpoint as REGISTRY= named it (scheme://host[:port][/namespace]).
    public var registry: String
    public var repository: String
    public var manifest: ContentDigest
}

public struct PushRecords: Sendable {
    public var store: ImageStore

    public init(store: ImageStore) { self.store = store }

    public func records(for name: String) throws -> [PushRecord] {
        guard let data = FileManager.default.contents(atPath: file(for: name).path) else { return [] }
        return try JSONDecoder().decode([PushRecord].self, from: data)
    }

    func record(_ record: PushRecord, for name: String) throws {
        let all = Set(try records(for: name) + [record]).sorted {
            ($0.registry, $0.repository, $0.manifest.value) < ($1.registry, $1.repository, $1.manifest.value)
        }
        try Data(CanonicalJSON.encode(all)).write(to: file(for: name), options: .atomic)
    }

    private func file(for name: String) -> URL {
        store.layoutDirectory(for: name).appendingPathComponent("pushes.json")
    }
}
