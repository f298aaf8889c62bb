
/// What a new revision is made from.
public struct RevisionSource: Sendable, Equatable, Codable {
    public var tag: String
    public var version: String
    public var commit: String
    public var artifact: Artifact
    /// Extra environment for the revision's tasks (fault switches when rehearsing failures).
    public var environment: [String: String]

    public init(tag: String, version: String, commit: String, artifact: Artifact, environment: [String: String] = [:]) {
        self.tag = tag
        self.version = version
        self.commit = commit
        self.artifact = artifact
        self.environment = environment
    }
}

/// Calls a revision answered and how many of those failed, as the router counted them.
public struct RequestCounts: Sendable, Equatable {
    public var answered: UInt64
    public var failed: UInt64

    public init(answered: UInt64, failed: UInt64) {
        self.answered = answered
        self.failed = failed
    }
}

/// The operations both targets implement, in App Mesh's terms: tasks grouped in revisions of
/// the routed service (the echo server), and a route with weighted targets. The rollout is
/// written once against this protocol. Each call records what it changed before returning.
public protocol Platform: Sendable {
    /// What a new revision of `spec` is made from on this platform, as the working tree is now
    /// (an executable or image locally, a registry image on aws). `publish` false is for plans:
    /// nothing is pushed, and the reference names what a push would give.
    func revisionSource(for spec: ServiceSpec, environment: [String: String], publish: Bool) async throws -> RevisionSource

    /// What `bringUp` would create or change, one line each, from read-only calls.
    func planBringUp(server: RevisionSource, client: RevisionSource) async throws -> [String]

    /// Stands up the router, the load balancer, the first revision of the routed service and
    /// the client tasks. Returns false when everything was already up and nothing changed.
    func bringUp(server: RevisionSource, client: RevisionSource) async throws -> Bool

    /// What is deployed, or nil when nothing is.
    func describe() async throws -> Deployment?

    /// Starts `count` tasks of a new revision of the routed service, at weight 0.
    func startRevision(_ source: RevisionSource, count: Int) async throws -> Revision

    /// Returns once every task of the revision passes its health check; throws after `timeout` seconds.
    func waitUntilHealthy(_ revision: Revision, timeout: Double) async throws

    /// Sets the routed service's weights.
    func applyRoute(_ route: Route) async throws

    /// Takes the revision out of rotation, lets its calls in flight finish, stops its tasks and forgets it.
    func retire(_ revision: Revision) async throws

    /// Each task's health as the router sees it, by task name.
    func taskHealth() async throws -> [String: TaskHealth]

    /// Calls answered so far by each revision of the routed service, by tag (cumulative), with
    /// how many of them failed; nil when the router exposes no per-revision counts (the rollout
    /// then gates on task health alone and says so).
    func requestCounts() async throws -> [String: RequestCounts]?

    /// Stops and removes everything the platform started.
    func tearDown() async throws

    /// What `tearDown` would stop or delete, one line each, from read-only calls.
    func planTearDown() async throws -> [String]

    /// True when anything the platform started may still exist (destroy-infra has work to do).
    func hasAnythingToTearDown() async throws -> Bool

    /// Where smoke calls enter on their way to the routed service, or nil when this machine can
    /// reach neither the router nor the public endpoint (the rollout then skips the smoke test).
    func smokeEndpoint() async throws -> SmokeEndpoint?

    /// Sends calls carrying the canary header to `revision` only; all other traffic stays where it is.
    func addTestRoute(to revision: Revision) async throws

    /// Removes the test route, if there is one.
    func removeTestRoute() async throws

    /// The calls (API operations by name, router commands) `change` would make here, for plans.
    func plannedCalls(_ change: PlannedChange) -> [String]

    /// How often a rollout's bake may ask for health and counts: each ask costs API calls on AWS.
    var gatePollInterval: Duration { get }
}

extension Platform {
    public var gatePollInterval: Duration { .milliseconds(250) }

    /// No test route where the router cannot be reached from here.
    public func smokeEndpoint() async throws -> SmokeEndpoint? { nil }
    public func addTestRoute(to revision: Revision) async throws {}
    public func removeTestRoute() async throws {}

    /// Whatever is deployed is what there is to tear down.
    public func hasAnythingToTearDown() async throws -> Bool { try await describe() != nil }
}
