import ToolboxAWS
import ToolboxCore

/// How the aws target splits the routed service's traffic between revisions: a strategy behind
/// `AWSPlatform`, so the infrastructure, task sets, waits and retirement are written once.
/// `ALBRouter` (the default: an internal ALB, a gRPC target group per revision, a weighted
/// forward action) and `AppMeshRouter` (the original's: virtual router, weighted gRPC route, a
/// virtual node per revision) implement the same calls. Each is also the stack of its own
/// resources (App Mesh: mesh, virtual router, virtual service, the client's virtual node; ALB:
/// certificate, load balancer, listener, security groups, the name pointing at it), whose
/// `destroy` also deletes what `addRevision` created.
protocol TrafficRouter: InfraStack {
    /// How the server's Cloud Map name is answered: by the tasks themselves, or by the router.
    var discovery: ServerDiscovery { get }

    /// `host:port` the clients call.
    var serviceAddress: String { get }

    /// Where the router's view of task health comes from, in words ("Cloud Map", "target group").
    var healthSource: String { get }

    /// The per-revision routing resource, created before the revision's tasks start.
    func addRevision(_ tag: String, _ changes: InfraChanges) async throws -> RevisionRouting

    /// The routing facts of the client's tasks (App Mesh: the Envoy sidecar's virtual node; ALB:
    /// the CA bundle that signs the listener's certificate).
    func clientRouting() async throws -> RevisionRouting

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

    /// The test route: calls carrying `header` go to the revision alone, others follow the weights.
    func addTestRoute(_ tag: String, header: String) async throws

    /// Removes the test route, if there is one.
    func removeTestRoute(header: String) async throws
}

/// How clients find the routed service under `<server>.<project>.local`.
enum ServerDiscovery: Sendable, Equatable {
    /// Each server task registers its address (App Mesh's virtual nodes select them by attribute).
    case tasks
    /// One alias record to the router's load balancer; the tasks register nowhere in Cloud Map.
    case aliasToRouter
}

/// One task as the router sees it.
struct TargetHealth: Sendable, Equatable {
    /// The task's id, or its address when the router knows only that (an ALB target).
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
    /// Security groups the tasks carry besides the shared tasks' group (ALB: who may reach whom).
    var securityGroups: [String] = []
    /// Environment for the app container (ALB: where the clients call and the CA they trust).
    var environment: [String: String] = [:]
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
