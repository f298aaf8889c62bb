/// How the aws target splits the routed service's traffic between revisions: a strategy behind
/// `AWSPlatform`, so the infrastructure, task sets, waits and retirement are written once.
/// `AppMeshRouter` is the original's (virtual router, weighted gRPC route, a virtual node per
/// revision); an internal ALB with a target group per revision can implement the same calls.
protocol TrafficRouter: Sendable {
    /// The router's own resources, found or created (App Mesh: mesh, virtual router, virtual
    /// service, the client's virtual node).
    func ensureInfrastructure(_ changes: InfraChanges) async throws

    /// The per-revision routing resource, created before the revision's tasks start.
    func addRevision(_ tag: String, _ changes: InfraChanges) async throws -> RevisionRouting

    /// What the revision's tasks and task set need from the router.
    func routing(of tag: String) -> RevisionRouting

    /// The routing facts of the client's tasks (App Mesh: the Envoy sidecar's virtual node).
    var clientRouting: RevisionRouting { get }

    /// The weights as the router holds them, by its own target names (App Mesh: virtual nodes;
    /// an ALB: target groups); nil when no route exists yet. Read without knowing the revisions,
    /// so describe() can ask at the same time as it lists them.
    func targetWeights() async throws -> [String: Int]?

    /// The revision (of `tags`) a router target belongs to.
    func revision(ofTarget target: String, among tags: [String]) -> String?

    /// Sets the weights (validated by `Route`); revisions at 0 stay listed, as staged.
    func apply(_ route: Route) async throws

    /// Removes the revision's routing resource (it must be out of the route already).
    func removeRevision(_ tag: String) async throws

    /// Health of every task as the router sees it (HEALTHY, UNHEALTHY, ...), with its revision.
    func targetHealth() async throws -> [TargetHealth]

    /// Deletes everything `ensureInfrastructure` and `addRevision` created.
    func tearDown(_ changes: InfraChanges) async throws
}

/// One task as the router sees it.
struct TargetHealth: Sendable, Equatable {
    var taskID: String
    /// The revision's tag, when the router knows it.
    var revision: String?
    var state: String
}

/// What a revision's task definition and task set get from the router.
struct RevisionRouting: Sendable {
    /// App Mesh: the virtual node the Envoy sidecar serves (APPMESH_VIRTUAL_NODE_NAME); nil: no sidecar.
    var meshVirtualNode: String?
    /// ALB: target groups the task set registers its tasks with.
    var loadBalancers: [ECS.LoadBalancer] = []
}

extension TrafficRouter {
    /// Each revision's weight by tag (a target matching no deployed revision keeps its own name).
    func weights(of tags: [String]) async throws -> [String: Int]? {
        try await targetWeights().map { byRevision($0, tags: tags) }
    }

    func byRevision(_ targets: [String: Int], tags: [String]) -> [String: Int] {
        Dictionary(targets.map { (revision(ofTarget: $0.key, among: tags) ?? $0.key, $0.value) }, uniquingKeysWith: +)
    }
}
