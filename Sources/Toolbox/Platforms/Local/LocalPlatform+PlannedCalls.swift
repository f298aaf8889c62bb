import ToolboxCore

extension LocalPlatform {
    /// What each change does here: processes, and HAProxy runtime API commands.
    public func plannedCalls(_ change: PlannedChange) -> [String] {
        switch change {
        case .startRevision(let tasks):
            return [
                "install the artifact under .toolbox/local/artifacts (unpack the image or copy the executable)",
                "start \(tasks) process(es) on free loopback addresses",
                "HAProxy: add server \(serverSpec.name)/<task> (weight 0), enable health, enable server, for each",
            ]
        case .applyRoute:
            return ["HAProxy: set server \(serverSpec.name)/<task> weight <w> for each task whose weight changes"]
        case .retire(let tasks):
            return [
                "HAProxy: set server \(serverSpec.name)/<task> state drain, then del server, for \(tasks) task(s)",
                "stop \(tasks) process(es) (SIGTERM, then SIGKILL after the drain time)",
            ]
        }
    }
}
