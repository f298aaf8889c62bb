import Foundation
import ToolboxCore

extension Rollout {
    /// Before any weight moves: the test route to the new revision, then SMOKE calls with the
    /// canary header (through the router, or through the public endpoint where the router is
    /// internal), every one required to pass and to name the new version. A failure is a failed
    /// gate (the rollout rolls back). The route stays for a staged revision (STEPS=0), so a person
    /// can try it through the public endpoint.
    func smokeTest(_ revision: Revision, version: String, keepRoute: Bool) async throws {
        let header = settings.canaryHeader
        let smoke = try await smokeTestToRun(header: header)
        guard let smoke else {
            if keepRoute {
                try await platform.addTestRoute(to: revision)
                Console.say("Calls with the header \(header) reach \(revision.tag) until it is promoted, rolled back or aborted")
            }
            return
        }
        try await platform.addTestRoute(to: revision)
        try await smoke.waitUntilReachable()
        Console.say("Smoke test: \(settings.smokeCalls) calls to \(revision.tag) through \(smoke.entrance) with the header \(header)...")
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

    /// The smoke test SMOKE asks for, or nil (said) when there is none to run.
    private func smokeTestToRun(header: String) async throws -> (any SmokeTest)? {
        guard settings.smokeCalls > 0 else { return nil }
        guard let endpoint = try await platform.smokeEndpoint() else {
            Console.say("Smoke test skipped: neither the router nor the public endpoint can be reached from here")
            return nil
        }
        let reachWithin = Duration.seconds(settings.healthTimeoutSeconds)
        guard let smoke = SmokeTests.make(endpoint, header: header, services: settings.services, reachWithin: reachWithin) else {
            Console.say("Smoke test skipped: the front service declares no smoke call (SERVICES_FILE)")
            return nil
        }
        return smoke
    }
}
