/// Where a smoke test's calls enter, with the canary header, on their way to a staged revision.
public enum SmokeEndpoint: Sendable, Equatable {
    /// The router itself (an h2c base URL): gRPC calls to the routed service, health checks included.
    case router(String)
    /// The public endpoint (a base URL): requests to the front service, which forwards the header
    /// to its calls; where the router is internal to the platform's network, as on aws.
    case publicFront(String)
}
