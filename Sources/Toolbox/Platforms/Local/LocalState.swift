import Foundation
import ToolboxCore

/// What the local target records under `.toolbox/local/`: the deployment and the router's process.
struct LocalState: Codable, Sendable {
    var deployment: Deployment
    var router: LocalProcess?
    /// Extra environment per revision tag, given again to replacement tasks.
    var revisionEnvironment: [String: [String: String]] = [:]
    /// The revision whose tasks the test route (the canary header) reaches, if any.
    var testRoute: String?
}

extension LocalState {
    /// Where a service's record is: the routed gRPC service is the server, the HTTP one the client.
    static func record(of spec: ServiceSpec) -> WritableKeyPath<Deployment, ServiceDeployment> {
        spec.kind == .grpc ? \.server : \.client
    }

    /// Drops a task from whichever revision lists it.
    mutating func forgetTask(named name: String) {
        for keyPath in [\Deployment.server, \Deployment.client] {
            for index in deployment[keyPath: keyPath].revisions.indices {
                deployment[keyPath: keyPath].revisions[index].tasks.removeAll { $0.name == name }
            }
        }
    }
}

/// The files of the local target.
struct LocalPaths: Sendable {
    let root: URL

    init(stateDirectory: URL) {
        root = stateDirectory.appendingPathComponent("local")
    }

    var state: URL { root.appendingPathComponent("state.json") }
    var haproxyConfig: URL { root.appendingPathComponent("haproxy.cfg") }
    var haproxySocket: URL { root.appendingPathComponent("haproxy.sock") }
    var haproxyLog: URL { logs.appendingPathComponent("haproxy.log") }
    var logs: URL { root.appendingPathComponent("logs") }
    var artifacts: URL { root.appendingPathComponent("artifacts") }
    /// Per-process PID files, read by the tear-down when state.json cannot be.
    var processes: URL { root.appendingPathComponent("processes") }

    func artifact(tag: String, executable: String) -> URL {
        artifacts.appendingPathComponent(tag).appendingPathComponent(executable)
    }

    func launchCommand(tag: String, executable: String) -> URL {
        artifacts.appendingPathComponent(tag).appendingPathComponent("\(executable).launch.json")
    }

    func taskLog(_ taskName: String) -> URL {
        logs.appendingPathComponent("\(taskName).log")
    }
}
