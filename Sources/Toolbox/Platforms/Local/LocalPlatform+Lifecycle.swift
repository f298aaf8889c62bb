import Foundation
import ToolboxCore

extension LocalPlatform {
    public func bringUp(server: RevisionSource, client: RevisionSource) async throws -> Bool {
        try NameRules.haproxyPath(paths.haproxySocket.path)
        var changed = false
        var state = try store.load() ?? LocalState(
            deployment: Deployment(
                projectName: settings.projectName, target: .local, publicEndpoint: publicEndpoint,
                virtualServiceAddress: virtualServiceAddress,
                server: ServiceDeployment(spec: serverSpec), client: ServiceDeployment(spec: clientSpec)
            )
        )
        if !(state.router?.isRunning ?? false) {
            try await startRouter(&state)
            changed = true
        }
        if state.deployment.server.revisions.isEmpty {
            let revision = try await startRevision(server, count: serverSpec.tasks)
            try await waitUntilHealthy(revision, timeout: settings.healthTimeoutSeconds)
            try await applyRoute(.only(revision.tag))
            changed = true
        } else {
            changed = try await replaceDeadTasks(of: serverSpec) || changed
        }
        state = try requireState()
        if state.deployment.client.revisions.isEmpty {
            try await startClients(client, state: &state)
            changed = true
        } else {
            changed = try await replaceDeadTasks(of: clientSpec) || changed
        }
        return changed
    }

    /// Stops every process the toolbox recorded, in state.json or in the process ledger, so a
    /// damaged or missing state file never leaves a task or HAProxy running; then removes it all.
    public func tearDown() async throws {
        // A state file that cannot be read still leaves the ledger to go by.
        let state = try? store.load()
        var processes = ledger.all()
        for task in ((state?.deployment.client.revisions ?? []) + (state?.deployment.server.revisions ?? [])).flatMap(\.tasks) {
            if let process = process(of: task) { processes[task.name] = process }
        }
        if let router = state?.router { processes[Self.routerProcessName] = router }
        let router = processes.removeValue(forKey: Self.routerProcessName)
        var stopped = Set<Int32>()
        for process in processes.values where stopped.insert(process.pid).inserted {
            await process.stop(grace: 5)
        }
        await router?.stop(grace: 5)
        try? FileManager.default.removeItem(at: paths.root)
    }

    static let routerProcessName = "router-haproxy"

    /// Starts our own HAProxy (master-worker, foreground, in its own session) from a config that
    /// matches the state, and waits for its runtime socket.
    func startRouter(_ state: inout LocalState) async throws {
        guard let haproxy = ["/usr/sbin/haproxy", "/usr/local/sbin/haproxy"].first(where: FileManager.default.isExecutableFile) else {
            throw ToolboxError("HAProxy is not installed; run make bootstrap")
        }
        // A socket that answers belongs to an HAProxy still running (one the state lost track
        // of): deleting it would orphan that HAProxy and our own could not bind its ports.
        if (try? runtime.send(["show info"])) != nil {
            throw ToolboxError.refused(
                "an HAProxy still answers on \(paths.haproxySocket.path) though none is recorded as running; run make destroy-infra first"
            )
        }
        try FileManager.default.createDirectory(at: paths.logs, withIntermediateDirectories: true)
        try save(state)
        try? FileManager.default.removeItem(at: paths.haproxySocket)
        let router = try LocalProcess.spawn(
            executable: haproxy, arguments: ["-W", "-f", paths.haproxyConfig.path],
            environment: ["PATH": "/usr/sbin:/usr/bin:/bin"], logFile: paths.haproxyLog
        )
        try ledger.record(Self.routerProcessName, router)
        state.router = router
        try save(state)
        let deadline = Date().addingTimeInterval(10)
        while (try? runtime.send(["show info"])) == nil {
            guard router.isRunning else {
                let log = (try? String(contentsOf: paths.haproxyLog, encoding: .utf8)) ?? ""
                let reason = log.split(separator: "\n").last { $0.contains("ALERT") } ?? log.split(separator: "\n").last ?? "no log"
                throw ToolboxError("HAProxy did not start: \(reason)")
            }
            guard Date() < deadline else { throw ToolboxError("HAProxy did not open its runtime socket within 10s") }
            try await Task.sleep(for: .milliseconds(50))
        }
        Console.say("Router started: HAProxy (PID \(router.pid)), runtime API at \(paths.haproxySocket.path)")
    }

    func startClients(_ source: RevisionSource, state: inout LocalState) async throws {
        let launch = try installArtifact(source, spec: clientSpec)
        let revision = Revision(tag: source.tag, version: source.version, commit: source.commit)
        state.deployment.client.revisions = [revision]
        state.deployment.client.route = .only(source.tag)
        try save(state)
        var tasks: [TaskRecord] = []
        for _ in 0..<clientSpec.tasks {
            let task = try launchTask(of: clientSpec, revision: revision, launch: launch, state: &state)
            try addToRouter(task, spec: clientSpec, weight: 1)
            tasks.append(task)
        }
        try await waitForHealth(of: tasks, backend: clientSpec.name, timeout: settings.healthTimeoutSeconds, what: "the client tasks")
    }

    /// A task found dead is reported, replaced by a new one of its revision, and forgotten.
    func replaceDeadTasks(of spec: ServiceSpec) async throws -> Bool {
        var state = try requireState()
        let service = state.deployment[keyPath: LocalState.record(of: spec)]
        var replaced = false
        for revision in service.revisions {
            for task in revision.tasks where !(process(of: task)?.isRunning ?? false) {
                Console.say("Task \(task.name) (PID \(task.pid.map(String.init) ?? "?")) is gone: \(lastLogLine(of: task)); replacing it")
                try await removeTask(task, spec: spec)
                state = try requireState()
                let launch = launchCommand(tag: revision.tag, spec: spec)
                let weight = spec.kind == .http ? 1 : 0
                let fresh = try launchTask(of: spec, revision: revision, launch: launch, state: &state)
                try addToRouter(fresh, spec: spec, weight: weight)
                try await waitForHealth(of: [fresh], backend: spec.name, timeout: settings.healthTimeoutSeconds, what: "task \(fresh.name)")
                state = try requireState()
                state.forgetTask(named: task.name)
                try save(state)
                if spec.kind == .grpc { try await applyRoute(state.deployment.server.route) }
                replaced = true
            }
        }
        return replaced
    }
}
