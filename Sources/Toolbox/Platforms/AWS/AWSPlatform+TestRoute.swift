import ToolboxCore

extension AWSPlatform {
    /// A listener rule (ALB) or a gRPC route with a metadata match (App Mesh) for CANARY_HEADER.
    public func addTestRoute(to revision: Revision) async throws {
        try await router.addTestRoute(revision.tag, header: settings.canaryHeader)
    }

    public func removeTestRoute() async throws {
        try await router.removeTestRoute(header: settings.canaryHeader)
    }
}
