import Foundation

/// One running copy of a revision: a process locally, a Fargate task on AWS.
public struct TaskRecord: Sendable, Codable, Equatable {
    public var name: String
    public var address: String
    public var port: Int
    /// Local target: the process and its start time (to tell a reused PID from ours).
    public var pid: Int32?
    public var processStartTicks: UInt64?
    public var logFile: String?
    /// AWS target: the task's ARN.
    public var arn: String?

    public init(name: String, address: String, port: Int, pid: Int32? = nil, processStartTicks: UInt64? = nil, logFile: String? = nil, arn: String? = nil) {
        self.name = name
        self.address = address
        self.port = port
        self.pid = pid
        self.processStartTicks = processStartTicks
        self.logFile = logFile
        self.arn = arn
    }
}

/// A version of a service as deployed: built from one commit, run as a set of tasks.
public struct Revision: Sendable, Codable, Equatable {
    /// `<version>-<short commit>`, plus `-dirty` when built from uncommitted changes.
    public var tag: String
    public var version: String
    public var commit: String
    public var createdAt: Date
    public var tasks: [TaskRecord]

    public init(tag: String, version: String, commit: String, createdAt: Date = Date(), tasks: [TaskRecord] = []) {
        self.tag = tag
        self.version = version
        self.commit = commit
        self.createdAt = createdAt
        self.tasks = tasks
    }
}

/// A service's revisions, oldest first, and the share of traffic each receives.
public struct ServiceDeployment: Sendable, Codable, Equatable {
    public var spec: ServiceSpec
    public var revisions: [Revision]
    public var route: Route

    public init(spec: ServiceSpec, revisions: [Revision] = [], route: Route = Route()) {
        self.spec = spec
        self.revisions = revisions
        self.route = route
    }

    public func revision(tagged tag: String) -> Revision? {
        revisions.first { $0.tag == tag }
    }
}

/// Everything a platform has stood up for a project, as recorded in its state.
public struct Deployment: Sendable, Codable, Equatable {
    public var projectName: String
    public var target: DeploymentTarget
    public var publicEndpoint: String
    public var virtualServiceAddress: String
    public var server: ServiceDeployment
    public var client: ServiceDeployment

    public init(projectName: String, target: DeploymentTarget, publicEndpoint: String, virtualServiceAddress: String, server: ServiceDeployment, client: ServiceDeployment) {
        self.projectName = projectName
        self.target = target
        self.publicEndpoint = publicEndpoint
        self.virtualServiceAddress = virtualServiceAddress
        self.server = server
        self.client = client
    }
}
