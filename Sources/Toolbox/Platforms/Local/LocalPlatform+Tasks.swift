import Foundation
import ToolboxCore

extension LocalPlatform {
    public func startRevision(_ source: RevisionSource, count: Int) async throws -> Revision {
        var state = try requireState()
        if let existing = state.deployment.server.revision(tagged: source.tag) {
            throw ToolboxError.refused(
                "revision \(existing.tag) is already deployed (\(state.deployment.server.route.weight(of: existing.tag))% of traffic); commit a change or set another VERSION"
            )
        }
        let launch = try installArtifact(source, spec: serverSpec)
        var revision = Revision(tag: source.tag, version: source.version, commit: source.commit)
        state.deployment.server.revisions.append(revision)
        state.deployment.server.route = state.deployment.server.route.addingStaged(source.tag)
        state.revisionEnvironment[source.tag] = source.environment
        try save(state)
        for _ in 0..<count {
            let task = try launchTask(of: serverSpec, revision: revision, launch: launch, state: &state)
            revision.tasks.append(task)
            try addToRouter(task, spec: serverSpec, weight: 0)
        }
        return revision
    }

    public func waitUntilHealthy(_ revision: Revision, timeout: Double) async throws {
        try await waitForHealth(of: revision.tasks, backend: serverSpec.name, timeout: timeout, what: "revision \(revision.tag)")
    }

    /// Polls HAProxy's health checks (grpc.health.v1 for servers, GET for clients) until every
    /// task is UP, printing progress as the original did; fails fast when a task exits.
    func waitForHealth(of tasks: [TaskRecord], backend: String, timeout: Double, what: String, quiet: Bool = false) async throws {
        let deadline = Date().addingTimeInterval(timeout)
        var reported = -1
        while true {
            let rows = Dictionary(try runtime.servers(of: backend).map { ($0.server, $0) }, uniquingKeysWith: { first, _ in first })
            let healthy = tasks.filter { rows[$0.name].map { $0.isUp && $0.checkStatus.hasPrefix("L") && $0.checkStatus.hasSuffix("OK") } ?? false }
            if healthy.count != reported, !quiet {
                reported = healthy.count
                Console.say(healthy.count == tasks.count ? "Tasks started" : "Tasks are starting (\(healthy.count)/\(tasks.count))...")
            }
            if healthy.count == tasks.count { return }
            for task in tasks where !(process(of: task)?.isRunning ?? false) {
                throw ToolboxError("task \(task.name) of \(what) exited before it became healthy: \(lastLogLine(of: task))")
            }
            guard Date() < deadline else {
                let sick = tasks.filter { task in !healthy.contains { $0.name == task.name } }
                    .map { "\($0.name) \(rows[$0.name].map { "\($0.status) \($0.checkStatus)" } ?? "unknown")" }
                throw ToolboxError("\(what) did not become healthy within \(Int(timeout))s: \(sick.joined(separator: ", "))")
            }
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    public func retire(_ revision: Revision) async throws {
        var state = try requireState()
        state.deployment.server.route = try state.deployment.server.route.removing(revision.tag)
        try save(state)
        for task in revision.tasks {
            try await removeTask(task, spec: serverSpec)
            state = try requireState()
            state.forgetTask(named: task.name)
            try save(state)
        }
        state.deployment.server.revisions.removeAll { $0.tag == revision.tag }
        state.revisionEnvironment[revision.tag] = nil
        try save(state)
        try? FileManager.default.removeItem(at: paths.artifacts.appendingPathComponent(revision.tag))
    }

    /// Out of rotation without failing a call: drain, wait for calls in flight, maintenance,
    /// delete the server from HAProxy, and only then stop the process.
    func removeTask(_ task: TaskRecord, spec: ServiceSpec) async throws {
        let server = "\(spec.name)/\(task.name)"
        if try runtime.servers(of: spec.name).contains(where: { $0.server == task.name }) {
            try runtime.send(["set weight \(server) 0", "set server \(server) state drain"])
            let drainDeadline = Date().addingTimeInterval(Self.drainSeconds)
            while Date() < drainDeadline, try runtime.servers(of: spec.name).first(where: { $0.server == task.name })?.currentSessions ?? 0 > 0 {
                try await Task.sleep(for: .milliseconds(50))
            }
            try runtime.send(["set server \(server) state maint", "shutdown sessions server \(server)"])
            let deleteDeadline = Date().addingTimeInterval(10)
            // HAProxy refuses to delete a server while idle connections to it remain; they close shortly.
            while try runtime.send(["del server \(server)"]).contains("Server deleted") == false {
                guard Date() < deleteDeadline else { throw ToolboxError("HAProxy would not remove \(server)") }
                try await Task.sleep(for: .milliseconds(100))
            }
        }
        await process(of: task)?.stop(grace: Self.drainSeconds)
        ledger.forget(task.name)
    }

    func addToRouter(_ task: TaskRecord, spec: ServiceSpec, weight: Int) throws(ToolboxError) {
        let server = "\(spec.name)/\(task.name)"
        let options = spec.kind == .grpc ? HAProxyConfig.grpcServerOptions : HAProxyConfig.httpServerOptions
        let answer = try runtime.send([
            "add server \(server) \(task.address):\(task.port) \(options) weight \(weight)",
            "enable health \(server)",
            "enable server \(server)",
        ])
        guard answer.contains("New server registered") else {
            throw ToolboxError("HAProxy refused to add \(server): \(answer.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
    }

    /// Starts one task of `revision` on the next free loopback address. The task is recorded
    /// before its process exists (intent first) and its PID right after, in the state and in
    /// the ledger, so no process of ours is ever left without a record.
    func launchTask(of spec: ServiceSpec, revision: Revision, launch: TaskLaunchCommand, state: inout LocalState) throws(ToolboxError) -> TaskRecord {
        let record = LocalState.record(of: spec)
        let service = state.deployment[keyPath: record]
        guard let revisionIndex = service.revisions.firstIndex(where: { $0.tag == revision.tag }) else {
            throw ToolboxError("revision \(revision.tag) of \(spec.name) is not recorded; no task started")
        }
        let index = (service.revisions.flatMap(\.tasks).compactMap { Int($0.name.split(separator: "-").last ?? "") }.max() ?? 0) + 1
        let name = "\(revision.tag)-\(index)"
        let address = try nextAddress(state)
        let log = paths.taskLog(name)
        try? FileManager.default.createDirectory(at: paths.logs, withIntermediateDirectories: true)
        var environment = launch.environment
        environment.merge([
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "PORT": String(spec.port),
            "BIND_ADDRESS": address,
            "DRAIN_SECONDS": String(Int(Self.drainSeconds)),
        ]) { $1 }
        if spec.kind == .http, let caller = serverSpec.callerEnvironment {
            environment.merge(caller.values(address: virtualServiceAddress, canaryHeader: settings.canaryHeader)) { $1 }
        }
        if let key = spec.versionEnvironmentKey { environment[key] = revision.version }
        environment.merge(state.revisionEnvironment[revision.tag] ?? [:]) { $1 }
        try NameRules.haproxyServerName(name)
        var task = TaskRecord(name: name, address: address, port: spec.port, logFile: log.path)
        state.deployment[keyPath: record].revisions[revisionIndex].tasks.append(task)
        try save(state)
        let process: LocalProcess
        do {
            process = try LocalProcess.spawn(executable: launch.executable, arguments: launch.arguments, environment: environment, logFile: log)
        } catch {
            state.forgetTask(named: name)
            try save(state)
            throw error
        }
        try ledger.record(name, process)
        (task.pid, task.processStartTicks) = (process.pid, process.startTicks)
        if let taskIndex = state.deployment[keyPath: record].revisions[revisionIndex].tasks.firstIndex(where: { $0.name == name }) {
            state.deployment[keyPath: record].revisions[revisionIndex].tasks[taskIndex] = task
        }
        try save(state)
        return task
    }

    func process(of task: TaskRecord) -> LocalProcess? {
        guard let pid = task.pid, let ticks = task.processStartTicks else { return nil }
        return LocalProcess(pid: pid, startTicks: ticks)
    }

    func lastLogLine(of task: TaskRecord) -> String {
        guard let path = task.logFile, let text = try? String(contentsOfFile: path, encoding: .utf8) else { return "no log" }
        return text.split(separator: "\n").last.map(String.init) ?? "empty log (\(path))"
    }

    /// The lowest free host number in TASK_NETWORK (from .2; .1 is the router's in 127.0.0).
    func nextAddress(_ state: LocalState) throws(ToolboxError) -> String {
        let used = Set((state.deployment.server.revisions + state.deployment.client.revisions).flatMap(\.tasks).map(\.address))
        for host in 2...254 where !used.contains("\(settings.taskNetwork).\(host)") {
            return "\(settings.taskNetwork).\(host)"
        }
        throw ToolboxError("no free address left in \(settings.taskNetwork).0/24 for another task")
    }
}
