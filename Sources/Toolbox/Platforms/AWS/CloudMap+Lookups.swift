import ToolboxAWS

/// Cloud Map resources found by name: the project's namespace and the discovery services in it.
extension CloudMap {
    /// The id of the namespace called `name` (like `echo.local`); nil when there is none.
    func namespaceID(named name: String) async throws -> String? {
        try await listNamespaces().first { $0.Name == name }?.Id
    }

    /// The id of the discovery service `service` in the namespace called `namespace`; nil when
    /// either is missing.
    func serviceID(named service: String, inNamespaceNamed namespace: String) async throws -> String? {
        guard let namespaceID = try await namespaceID(named: namespace) else { return nil }
        return try await listServices(namespaceId: namespaceID).first { $0.Name == service }?.Id
    }
}
