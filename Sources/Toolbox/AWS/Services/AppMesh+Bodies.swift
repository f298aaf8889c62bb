import Foundation

/// The request bodies of App Mesh's Create and Update calls (the shapes inside them are generated
/// from the App Mesh model: Generated/AppMeshShapes.swift).
extension AppMesh {
    /// The body of every Create call: the resource's name under its own key, the spec, tags and a
    /// client token (fresh per call, so a retried create is the same request).
    struct CreateBody<Spec: Encodable>: Encodable {
        var nameKey: String
        var name: String
        var spec: Spec
        var tags: [Tag]?
        var clientToken = UUID().uuidString

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: NamedKey.self)
            try container.encode(name, forKey: NamedKey(nameKey))
            try container.encode(spec, forKey: NamedKey("spec"))
            try container.encodeIfPresent(tags, forKey: NamedKey("tags"))
            try container.encode(clientToken, forKey: NamedKey("clientToken"))
        }
    }

    struct UpdateBody<Spec: Encodable>: Encodable {
        var spec: Spec
        var clientToken = UUID().uuidString
    }

    struct NamedKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ name: String) { stringValue = name }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}

extension AppMesh.Backend {
    public init(virtualServiceName: String) {
        virtualService = AppMesh.VirtualServiceBackend(virtualServiceName: virtualServiceName)
    }
}
