import ToolboxAWS

/// The ids of the infrastructure a revision is deployed into, found (or created) by build-infra
/// and found again by the rollout. Placeholders stand in for what a plan would create.
struct NetworkIDs: Sendable {
    var vpc: String
    var publicSubnets: [String]
    var privateSubnets: [String]
    var loadBalancerSecurityGroup: String
    var taskSecurityGroup: String

    /// Where the tasks run: the private subnets, the tasks' security group, no public address.
    var taskNetwork: ECS.NetworkConfiguration {
        ECS.NetworkConfiguration(
            awsvpcConfiguration: .init(
                subnets: privateSubnets,
                securityGroups: [taskSecurityGroup],
                assignPublicIp: "DISABLED"
            )
        )
    }
}

extension ECS.NetworkConfiguration {
    /// The same placement with `groups` added to its security groups (each once).
    func addingSecurityGroups(_ groups: [String]) -> ECS.NetworkConfiguration {
        guard var vpc = awsvpcConfiguration, !groups.isEmpty else { return self }
        let current = vpc.securityGroups ?? []
        vpc.securityGroups = current + groups.filter { !current.contains($0) }
        return ECS.NetworkConfiguration(awsvpcConfiguration: vpc)
    }
}
