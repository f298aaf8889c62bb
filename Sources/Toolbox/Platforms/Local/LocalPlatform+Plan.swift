import ToolboxCore

extension LocalPlatform {
    /// What `bringUp` would do, decided the way it decides, from the state file and the
    /// processes it names; nothing is started or written.
    public func planBringUp(server: RevisionSource, client: RevisionSource) async throws -> [String] {
        guard let state = try store.load() else {
            return [
                "start HAProxy (public endpoint \(publicEndpoint), virtual service \(virtualServiceAddress))",
                "start \(serverSpec.tasks) \(serverSpec.name) task(s) of \(server.tag), route 100% to it",
                "start \(clientSpec.tasks) \(clientSpec.name) task(s) of \(client.tag)",
            ]
        }
        var lines: [String] = []
        if !(state.router?.isRunning ?? false) { lines.append("start HAProxy (it is not running)") }
        for (spec, source) in [(serverSpec, server), (clientSpec, client)] {
            let revisions = state.deployment[keyPath: LocalState.record(of: spec)].revisions
            guard !revisions.isEmpty else {
                let count = spec.tasks
                lines.append("start \(count) \(spec.name) task(s) of \(source.tag)")
                continue
            }
            for task in revisions.flatMap(\.tasks) where !(process(of: task)?.isRunning ?? false) {
                lines.append("replace \(spec.name) task \(task.name) (its process is gone)")
            }
        }
        return lines.isEmpty ? ["nothing to change: everything is up"] : lines
    }

    /// What `tearDown` would stop: every process in the state file or the ledger, then the folder.
    public func planTearDown() async throws -> [String] {
        let state = try? store.load()
        var names = Set(ledger.all().keys)
        for task in ((state?.deployment.client.revisions ?? []) + (state?.deployment.server.revisions ?? [])).flatMap(\.tasks) {
            names.insert(task.name)
        }
        if state?.router != nil { names.insert(Self.routerProcessName) }
        guard !names.isEmpty || state != nil else { return ["nothing to destroy"] }
        return names.sorted().map { "stop \($0)" } + ["remove \(paths.root.path)"]
    }
}
