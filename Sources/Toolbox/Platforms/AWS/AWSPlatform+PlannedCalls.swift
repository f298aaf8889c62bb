import ToolboxCore

extension AWSPlatform {
    /// The AWS operations each change calls, by service and name, for the router this project has.
    public func plannedCalls(_ change: PlannedChange) -> [String] {
        let appMesh = awsSettings.trafficRouter == .appmesh
        switch change {
        case .startRevision(let tasks):
            let routing =
                appMesh
                ? ["appmesh CreateVirtualNode", "servicediscovery (instances registered by ECS)"]
                : ["elasticloadbalancing CreateTargetGroup", "elasticloadbalancing ModifyTargetGroupAttributes"]
            return routing + [
                "ecs RegisterTaskDefinition",
                "ecs CreateService (EXTERNAL deployment controller)",
                "ecs CreateTaskSet (\(tasks) task(s))",
                "ecs DescribeTaskSets / DescribeTasks until running and healthy",
            ]
        case .applyRoute:
            return appMesh ? ["appmesh UpdateRoute (weighted targets)"] : ["elasticloadbalancing ModifyListener (weighted forward)"]
        case .retire(let tasks):
            let routing = appMesh ? ["appmesh DeleteVirtualNode"] : ["elasticloadbalancing DeleteTargetGroup"]
            return [
                appMesh ? "appmesh UpdateRoute (the revision out of the route)" : "elasticloadbalancing ModifyListener (the revision out of the route)",
                "ecs UpdateTaskSet (scale 0), then ecs ListTasks / DescribeTasks until its \(tasks) task(s) stop",
                "ecs DeleteTaskSet", "ecs DeregisterTaskDefinition", "ecs DeleteService",
            ] + routing
        }
    }
}
