import ToolboxCore

extension AWSPlatform {
    /// The router is internal to the VPC, so smoke calls enter where users' calls do: the public
    /// load balancer (or PUBLIC_URL, a name in front of it), whose clients forward the header.
    public func smokeEndpoint() async throws -> SmokeEndpoint? {
        if let url = awsSettings.publicURL { return .publicFront(url) }
        guard let name = try await PublicLoadBalancerStack(context: context, client: clientSpec).find()?.DNSName else {
            return nil
        }
        return .publicFront("http://\(name)")
    }

    /// A listener rule (ALB) or a gRPC route with a metadata match (App Mesh) for CANARY_HEADER.
    public func addTestRoute(to revision: Revision) async throws {
        try await router.addTestRoute(revision.tag, header: settings.canaryHeader)
    }

    public func removeTestRoute() async throws {
        try await router.removeTestRoute(header: settings.canaryHeader)
    }
}
