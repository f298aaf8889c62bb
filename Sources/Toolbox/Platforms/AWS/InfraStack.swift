import ToolboxAWS
import ToolboxCore

/// One group of the project's infrastructure, in the original's spirit (its network, mesh and app
/// stacks): everything about its resources' life, in one place. build-infra ensures the stacks
/// in their order (`AWSPlatform.stacks`), destroy-infra destroys them in the reverse order, each
/// with `InfraChanges`, which in a dry run calls only describe and list APIs and records the plan.
protocol InfraStack: Sendable {
    /// What `find` answers: the ids later stacks (or the rollout) need.
    associatedtype Found: Sendable

    /// Finds each resource and creates (or fixes) only what is missing, reading what earlier
    /// stacks built from `build` and adding its own ids to it.
    func ensure(_ changes: InfraChanges, _ build: inout InfraBuild) async throws

    /// The stack as build-infra left it, nil when it is not (wholly) there; creates nothing.
    func find() async throws -> Found?

    /// Deletes everything the stack created, tolerating what is already gone.
    func destroy(_ changes: InfraChanges) async throws
}

/// What one walk of build-infra has: the revisions it deploys, and the ids each stack found or
/// created for the stacks after it (placeholders for what a plan would create).
struct InfraBuild: Sendable {
    var server: RevisionSource
    var client: RevisionSource
    var network: NetworkIDs?
    var roles: Roles?
    var discovery: Discovery?
    /// The public load balancer's target group, which the clients' service registers with.
    var clientTargetGroup: String?

    /// The IAM roles a task definition names.
    struct Roles: Sendable {
        var task: String
        var execution: String
    }

    /// The Cloud Map services (ARNs) the services' tasks register with.
    struct Discovery: Sendable {
        var server: String
        var client: String
    }

    /// A stack's input that an earlier stack provides (nil only if the stacks were misordered).
    static func required<Value>(_ value: Value?, _ what: String) throws -> Value {
        guard let value else { throw ToolboxError("internal: \(what) is needed before it is built") }
        return value
    }
}
