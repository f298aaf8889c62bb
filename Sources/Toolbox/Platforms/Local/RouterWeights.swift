import ToolboxCore

/// Turns a route's percentages into HAProxy server weights (0...256). A revision's share is
/// spread over its tasks, so 50/50 between 2 tasks and 4 tasks gives 2,2 against 1,1,1,1 in
/// proportion; the busiest task gets 256 for the finest split HAProxy can express.
enum RouterWeights {
    static func serverWeights(route: Route, tasksByRevision: [String: [String]]) -> [String: Int] {
        let perTask: [(tasks: [String], share: Double)] = route.targets.compactMap { target in
            guard let tasks = tasksByRevision[target.revision], !tasks.isEmpty else { return nil }
            return (tasks, Double(target.weight) / Double(tasks.count))
        }
        let largest = perTask.map(\.share).max() ?? 0
        var weights: [String: Int] = [:]
        for (tasks, share) in perTask {
            let weight = largest > 0 ? Int((share / largest * 256).rounded()) : 0
            // A revision with any traffic keeps every task in rotation, however small its share.
            let kept = share > 0 ? max(weight, 1) : 0
            for task in tasks { weights[task] = kept }
        }
        // Tasks of revisions the route does not name get nothing.
        for (revision, tasks) in tasksByRevision where !route.targets.contains(where: { $0.revision == revision }) {
            for task in tasks { weights[task] = 0 }
        }
        return weights
    }

    /// `set weight` commands with the rising weights first, so the total never reaches zero.
    static func commands(backend: String, from old: [String: Int], to new: [String: Int]) -> [String] {
        let changed = new.filter { old[$0.key] != $0.value }
        let rising = changed.filter { $0.value > (old[$0.key] ?? 0) }.sorted { $0.key < $1.key }
        let falling = changed.filter { $0.value <= (old[$0.key] ?? 0) }.sorted { $0.key < $1.key }
        return (rising + falling).map { "set weight \(backend)/\($0.key) \($0.value)" }
    }
}
