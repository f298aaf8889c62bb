import ToolboxAWS

/// Finds or creates a tagged security group and its ingress rules: shared by the network stack
/// and the routers that add groups of their own (the ALB router's who-may-reach-whom).
struct SecurityGroups: Sendable {
    let aws: AWSServices
    let names: AWSNames

    /// A security group and its ingress rules (`rules` gets the group's own id, for self-references).
    package func ensure(
        _ changes: InfraChanges,
        _ name: String,
        vpc: String,
        purpose: String,
        rules: (String) -> [EC2.IpPermission]
    ) async throws -> String {
        let group = try await changes.ensure("security group \(name)", after: [vpc]) {
            try await aws.ec2.describeSecurityGroups(filters: names.ec2Filters(name)).first {
                names.isNamed($0.tagSet, name)
            }?.groupId
        } create: {
            try await aws.ec2.createSecurityGroup(
                groupName: name,
                description: "\(names.project) \(purpose)",
                vpcId: vpc,
                tags: names.ec2Tags(name)
            )
        }
        let permissions = rules(group)
        try await changes.converge(
            "ingress rules of security group \(name) (\(purpose))",
            after: [group] + permissions.flatMap { $0.Groups?.map(\.GroupId) ?? [] }
        ) {
            !(try await aws.ec2.describeSecurityGroups(ids: [group]).first?.ipPermissions ?? []).isEmpty
        } apply: {
            try await aws.ec2.authorizeSecurityGroupIngress(groupId: group, permissions: permissions)
        }
        return group
    }

    /// The group's id when it exists (nil otherwise), without creating anything.
    func find(_ name: String) async throws -> String? {
        try await aws.ec2.describeSecurityGroups(filters: names.ec2Filters(name)).first {
            names.isNamed($0.tagSet, name)
        }?.groupId
    }
}
