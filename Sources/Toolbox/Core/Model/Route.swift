
/// How a service's traffic is split between its revisions, as App Mesh's weighted targets:
/// one target per revision, weights from 0 to 100 that sum to 100.
public struct Route: Sendable, Codable, Equatable {
    public struct Target: Sendable, Codable, Equatable {
        public var revision: String
        public var weight: Int

        public init(revision: String, weight: Int) {
            self.revision = revision
            self.weight = weight
        }
    }

    public private(set) var targets: [Target]

    public init() {
        targets = []
    }

    /// A route with these weights; refused unless each is 0...100, tags are distinct and they sum to 100.
    public init(_ weights: [(revision: String, weight: Int)]) throws(ToolboxError) {
        guard weights.allSatisfy({ (0...100).contains($0.weight) }) else {
            throw .refused("each weight must be from 0 to 100, got \(weights.map(\.weight))")
        }
        guard Set(weights.map(\.revision)).count == weights.count else {
            throw .refused("a route names each revision once, got \(weights.map(\.revision))")
        }
        guard weights.isEmpty || weights.reduce(0, { $0 + $1.weight }) == 100 else {
            throw .refused("weights must sum to 100, got \(weights.map(\.weight)) = \(weights.reduce(0) { $0 + $1.weight })")
        }
        targets = weights.map { Target(revision: $0.revision, weight: $0.weight) }
    }

    public func weight(of revision: String) -> Int {
        targets.first { $0.revision == revision }?.weight ?? 0
    }

    /// All traffic to one revision.
    public static func only(_ revision: String) -> Route {
        var route = Route()
        route.targets = [Target(revision: revision, weight: 100)]
        return route
    }

    /// `newer` at `percent`, `older` at the rest; a revision at 0 stays listed (staged).
    public static func split(older: String, newer: String, percent: Int) throws(ToolboxError) -> Route {
        let share = try Percent(checking: percent)
        return try Route([(older, share.remainder), (newer, share.value)])
    }
}

extension Route {
    /// The route with `revision` added at weight 0 (staged: running, healthy, no traffic).
    public func addingStaged(_ revision: String) -> Route {
        guard !targets.contains(where: { $0.revision == revision }) else { return self }
        var route = self
        route.targets.append(Target(revision: revision, weight: 0))
        return route
    }

    /// The route without `revision`, which must have no traffic left.
    public func removing(_ revision: String) throws(ToolboxError) -> Route {
        guard weight(of: revision) == 0 else {
            throw ToolboxError("revision \(revision) still receives \(weight(of: revision))% of traffic")
        }
        var route = self
        route.targets.removeAll { $0.revision == revision }
        return route
    }
}
