import ToolboxCore

/// TRAFFIC_ROUTER is chosen once per project: the router a project was built with is read from
/// AWS (the ALB router's security group, or the mesh), and a command asking for the other one is refused before
/// it changes anything, rather than leaving two routers half-built.
extension AWSPlatform {
    /// The router the project's infrastructure has, nil when it has none yet: the ALB router's
    /// security group (the first thing it creates, the last destroy-infra removes), else the
    /// router the cluster's tag names. App Mesh itself is asked only when TRAFFIC_ROUTER=appmesh
    /// (for a project whose cluster predates the tag).
    func existingRouter() async throws -> TrafficRouterKind? {
        if try await context.securityGroups.find(names.routerSecurityGroup) != nil { return .alb }
        let cluster = try await aws.ecs.describeClusters(.init(clusters: [names.cluster], include: ["TAGS"])).clusters
            .first { $0.status == "ACTIVE" }
        if let tagged = cluster?.tags?.first(where: { $0.key == AWSNames.routerTagKey })?.value {
            return TrafficRouterKind(rawValue: tagged)
        }
        guard awsSettings.trafficRouter == .appmesh else { return nil }
        // App Mesh may not answer at all on AWS now it is discontinued: that means no mesh.
        let mesh = try? await ignoringNotFound { try await aws.appMesh.describeMesh(meshName: names.mesh) }
        return mesh == nil ? nil : .appmesh
    }

    /// Asked once per command (an update routes several times; the project's router cannot
    /// change in between, since the command holds the project lock).
    func refuseRouterSwitch() async throws {
        if context.remembered(\.routerChecked) != nil { return }
        let chosen = awsSettings.trafficRouter
        guard let existing = try await existingRouter(), existing != chosen else {
            context.remember(\.routerChecked, true)
            return
        }
        throw ToolboxError.refused(
            "project \(project) was built with TRAFFIC_ROUTER=\(existing.rawValue), not \(chosen.rawValue); set TRAFFIC_ROUTER=\(existing.rawValue), or run make destroy-infra before switching"
        )
    }
}
