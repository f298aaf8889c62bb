import ToolboxCore

extension LocalPlatform {
    public func applyRoute(_ route: Route) async throws {
        var state = try requireState()
        let tasks = tasksByRevision(state.deployment.server)
        for target in route.targets where tasks[target.revision] == nil {
            throw ToolboxError.refused("the route names revision \(target.revision), which is not deployed")
        }
        let rows = try runtime.servers(of: serverSpec.name)
        let current = Dictionary(rows.map { ($0.server, Int($0.fields["weight"] ?? "") ?? 0) }, uniquingKeysWith: { first, _ in first })
        let wanted = RouterWeights.serverWeights(route: route, tasksByRevision: tasks)
        let commands = RouterWeights.commands(backend: serverSpec.name, from: current, to: wanted)
        if !commands.isEmpty {
            let answer = try runtime.send(commands)
            let complaint = answer.split(separator: "\n").first { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            if let complaint {
                throw ToolboxError("HAProxy refused the new weights: \(complaint)")
            }
        }
        state.deployment.server.route = route
        try save(state)
    }
}
