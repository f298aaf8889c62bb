import Foundation

/// The rollout, written once for every target against `Platform`: start the new revision,
/// wait for health, move traffic in steps, retire the old revision. Each step is recorded by
/// the platform before the next begins, so the deployment on record is always what runs.
public struct Rollout: Sendable {
    let platform: any Platform
    let settings: ToolboxSettings

    public init(platform: any Platform, settings: ToolboxSettings) {
        self.platform = platform
        self.settings = settings
    }

    /// `make update`: the original's sequence, then the old revision retired (its "WIP" step).
    public func update(to source: RevisionSource) async throws {
        let deployment = try await requireDeployment()
        let route = deployment.server.route
        guard deployment.server.revisions.count == 1, let old = deployment.server.revisions.first else {
            let staged = deployment.server.revisions.last.map { "\($0.tag) at \(route.weight(of: $0.tag))%" } ?? "?"
            throw ToolboxError.refused("a rollout is already under way (\(staged)); finish it with make promote or move traffic with make shift")
        }
        Console.say("Deploying \(source.tag) (version \(source.version)) beside \(old.tag) (version \(old.version))")
        Console.say("Waiting for the new tasks to be healthy...")
        let revision = try await platform.startRevision(source, count: settings.serverTasks)
        do {
            try await platform.waitUntilHealthy(revision, timeout: settings.healthTimeoutSeconds)
        } catch {
            Console.say("The new revision is not healthy; traffic stays on \(old.tag). Stopping \(revision.tag)...")
            try await platform.retire(revision)
            throw error
        }
        try await platform.applyRoute(route.addingStaged(revision.tag))
        if settings.steps == [0] {
            Console.say("Staged \(revision.tag) at 0%: make shift PERCENT=N moves traffic, make promote finishes")
            return
        }
        for (index, percent) in settings.steps.enumerated() {
            Console.say("Updating traffic route")
            try await platform.applyRoute(try .split(older: old.tag, newer: revision.tag, percent: percent))
            Console.say("Routing \(percent)% of traffic to the new service")
            if index < settings.steps.count - 1, settings.bakeSeconds > 0 {
                try await Task.sleep(for: .seconds(settings.bakeSeconds))
            }
        }
        try await retire(old)
    }

    /// `make shift PERCENT=N`: the newest revision gets N %, the one before it the rest.
    public func shift(percent: Int) async throws {
        guard (0...100).contains(percent) else {
            throw ToolboxError.refused("PERCENT must be a whole number from 0 to 100, got \(percent)")
        }
        let (older, newer) = try await lastTwoRevisions(for: "shift")
        try await platform.applyRoute(try .split(older: older.tag, newer: newer.tag, percent: percent))
        Console.say("Routing \(percent)% of traffic to \(newer.tag) (version \(newer.version)), \(100 - percent)% to \(older.tag) (version \(older.version))")
    }

    /// `make promote`: all traffic to the newest revision, then the one before it retired.
    public func promote() async throws {
        let (older, newer) = try await lastTwoRevisions(for: "promote")
        try await platform.applyRoute(.only(newer.tag).addingStaged(older.tag))
        Console.say("Routing 100% of traffic to \(newer.tag) (version \(newer.version))")
        try await retire(older)
    }

    func retire(_ revision: Revision) async throws {
        Console.say("Retiring \(revision.tag) (version \(revision.version)): draining its calls and stopping its tasks...")
        try await platform.retire(revision)
        Console.say("Version \(revision.version) is retired; \(settings.serverTasks) task(s) of the new version serve all traffic")
    }

    func requireDeployment() async throws -> Deployment {
        guard let deployment = try await platform.describe(), !deployment.server.revisions.isEmpty else {
            throw ToolboxError.refused("nothing is deployed yet; run make build-infra first")
        }
        return deployment
    }

    func lastTwoRevisions(for verb: String) async throws -> (older: Revision, newer: Revision) {
        let revisions = try await requireDeployment().server.revisions
        guard revisions.count >= 2 else {
            throw ToolboxError.refused("\(verb) needs two revisions, but only \(revisions[0].tag) is deployed; stage one with make update STEPS=0")
        }
        return (revisions[revisions.count - 2], revisions[revisions.count - 1])
    }
}
