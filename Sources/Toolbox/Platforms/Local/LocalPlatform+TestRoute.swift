import ToolboxCore

extension LocalPlatform {
    /// Smoke calls go to the virtual service itself, as the clients' calls do.
    public func smokeEndpoint() async throws -> SmokeEndpoint? {
        .router("http://\(virtualServiceAddress)")
    }

    /// The revision's tasks join the test backend; returns once they are up there, so that a
    /// call with the header reaches them and nothing else.
    public func addTestRoute(to revision: Revision) async throws {
        try await removeTestRoute()
        var state = try requireState()
        let backend = HAProxyConfig.testBackend(of: serverSpec.name)
        for task in revision.tasks {
            let server = "\(backend)/\(task.name)"
            let answer = try runtime.send([
                "add server \(server) \(task.address):\(task.port) \(HAProxyConfig.grpcServerOptions) weight 1",
                "enable health \(server)", "enable server \(server)",
            ])
            guard answer.contains("New server registered") else {
                throw ToolboxError("HAProxy refused to add \(server): \(answer.trimmingCharacters(in: .whitespacesAndNewlines))")
            }
        }
        state.testRoute = revision.tag
        try save(state)
        try await waitForHealth(of: revision.tasks, backend: backend, timeout: settings.healthTimeoutSeconds, what: "the test route to \(revision.tag)", quiet: true)
    }

    /// Empties the test backend: calls with the header follow the weights again.
    public func removeTestRoute() async throws {
        let backend = HAProxyConfig.testBackend(of: serverSpec.name)
        for row in try runtime.servers(of: backend) {
            _ = try runtime.send(["set server \(backend)/\(row.server) state maint", "del server \(backend)/\(row.server)"])
        }
        guard var state = try store.load(), state.testRoute != nil else { return }
        state.testRoute = nil
        try save(state)
    }
}
