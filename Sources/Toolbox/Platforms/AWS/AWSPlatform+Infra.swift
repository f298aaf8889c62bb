import ToolboxAWS
import ToolboxCore

/// `make build-infra` and `make destroy-infra` on AWS: the stacks, up in order and down in
/// reverse. Each resource is found by its tags or name before anything is created, so a second
/// run creates nothing and a run that failed halfway finishes the job; each delete tolerates "not
/// found", so a second destroy-infra (or one after a failure) finishes too. A plan is the same
/// walk with no mutating call.
extension AWSPlatform {
    /// The project's stacks in build-infra's order: what the tasks run in (cluster first: while it
    /// exists there is something to destroy), the network, Cloud Map, the router, the public load
    /// balancer, the services, the bastion.
    func stacks(router: any TrafficRouter) -> [any InfraStack] {
        [
            ClusterStack(context: context),
            NetworkStack(context: context),
            DiscoveryStack(context: context, router: router),
            router,
            PublicLoadBalancerStack(context: context, client: clientSpec),
            ServicesStack(context: context, router: router, server: serverSpec, client: clientSpec),
            BastionStack(context: context),
        ]
    }

    public func bringUp(server: RevisionSource, client: RevisionSource) async throws -> Bool {
        let changes = InfraChanges(dryRun: false)
        try await build(server: server, client: client, changes)
        return changes.didChange
    }

    /// What build-infra would create or change, calling only describe and list APIs.
    public func planBringUp(server: RevisionSource, client: RevisionSource) async throws -> [String] {
        let changes = InfraChanges(dryRun: true)
        try await build(server: server, client: client, changes)
        return changes.planLines()
    }

    private func build(server: RevisionSource, client: RevisionSource, _ changes: InfraChanges) async throws {
        try await refuseRouterSwitch()
        if !changes.dryRun {
            Console.say(
                "Building the infrastructure of \(project) in \(awsSettings.region) (traffic router: \(awsSettings.trafficRouter.rawValue))..."
            )
        }
        var build = InfraBuild(server: server, client: client)
        for stack in stacks(router: router) {
            try await stack.ensure(changes, &build)
        }
    }

    public func tearDown() async throws {
        try await destroy(InfraChanges(dryRun: false))
    }

    /// What destroy-infra would delete, calling only describe and list APIs.
    public func planTearDown() async throws -> [String] {
        let changes = InfraChanges(dryRun: true)
        try await destroy(changes)
        return changes.planLines()
    }

    private func destroy(_ changes: InfraChanges) async throws {
        // Whatever TRAFFIC_ROUTER says now, the router the project has is the one to delete.
        let existing = try await existingRouter()
        let built = existing.map { $0 == awsSettings.trafficRouter ? router : makeRouter($0) } ?? router
        for stack in stacks(router: built).reversed() {
            try await stack.destroy(changes)
        }
    }
}
