import Foundation
import ToolboxCore

extension Rollout {
    /// Before any weight moves: the test route to the new revision, then SMOKE calls through the
    /// real router with the canary header, every one required to pass and to name the new
    /// version. A failure is a failed gate (the rollout rolls back). The route stays for a
    /// staged revision (STEPS=0), so a person can try it through the public endpoint.
    func smokeTest(_ revision: Revision, version: String, keepRoute: Bool) async throws {
        let header = settings.canaryHeader
        guard settings.smokeCalls > 0, let endpoint = try await platform.smokeEndpoint() else {
            if settings.smokeCalls > 0 { Console.say("Smoke test skipped: the router cannot be reached from here") }
            if keepRoute {
                try await platform.addTestRoute(to: revision)
                Console.say("Calls with the header \(header) reach \(revision.tag) until it is promoted, rolled back or aborted")
            }
            return
        }
        try await platform.addTestRoute(to: revision)
        Console.say("Smoke test: \(settings.smokeCalls) calls to \(revision.tag) through the router with the header \(header)...")
        let smoke = SmokeTest(endpoint: endpoint, header: header, service: settings.services.server)
        let failures = await smoke.run(count: settings.smokeCalls, version: version)
        guard failures.isEmpty else {
            throw GateFailure(reason: "\(revision.tag) failed \(failures.count) of \(settings.smokeCalls) smoke calls (\(failures[0]))")
        }
        Console.say("Smoke test passed: \(settings.smokeCalls) of \(settings.smokeCalls) calls answered by version \(version)")
        if keepRoute {
            Console.say("Calls with the header \(header) reach \(revision.tag) until it is promoted, rolled back or aborted")
        } else {
            try await platform.removeTestRoute()
        }
    }
}
