import ToolboxAWS
import ToolboxCore

/// The original's optional bastion, only with KEY_PAIR: a `t3.micro` in a public subnet with SSH
/// from anywhere. Its security group goes with the network's (the groups are dropped together).
struct BastionStack: InfraStack {
    let context: AWSContext

    private var ec2: EC2 { context.aws.ec2 }
    private var names: AWSNames { context.names }

    func ensure(_ changes: InfraChanges, _ build: inout InfraBuild) async throws {
        guard let keyPair = context.awsSettings.keyPair else { return }
        let network = try InfraBuild.required(build.network, "the network")
        let group = try await context.securityGroups.ensure(
            changes,
            names.bastionSecurityGroup,
            vpc: network.vpc,
            purpose: "bastion: SSH from anywhere"
        ) { _ in
            [EC2.IpPermission(fromPort: 22, toPort: 22, cidrs: ["0.0.0.0/0"])]
        }
        let instance = try await changes.ensure(
            "bastion \(names.bastion) (key pair \(keyPair))",
            after: [group, network.publicSubnets[0]]
        ) {
            try await find()
        } create: {
            let started = try await ec2.runInstances(
                imageId: context.awsSettings.bastionImage ?? "",
                instanceType: "t3.micro",
                subnetId: network.publicSubnets[0],
                securityGroupIds: [group],
                keyName: keyPair,
                tags: names.ec2Tags(names.bastion)
            )
            guard let id = started.first?.instanceId else { throw ToolboxError("EC2 started no bastion instance") }
            return id
        }
        guard !changes.dryRun else { return }
        var address = ""
        try await context.poll("the bastion's public address", timeout: 300) {
            address = try await ec2.describeInstances(ids: [instance]).first?.ipAddress ?? ""
            return address.isEmpty ? "pending" : nil
        }
        Console.say("Bastion endpoint:")
        Console.say(address)
    }

    /// The running (or starting) bastion's instance id.
    func find() async throws -> String? {
        let live = EC2.Filter(name: "instance-state-name", values: ["pending", "running"])
        return try await ec2.describeInstances(filters: names.ec2Filters(names.bastion) + [live]).first {
            names.isNamed($0.tagSet, names.bastion)
        }?.instanceId
    }

    /// Every instance tagged with the project, whatever KEY_PAIR says now.
    func destroy(_ changes: InfraChanges) async throws {
        let instances = try await ec2.describeInstances(
            filters: [
                .tag(AWSNames.projectTagKey, context.project),
                .init(name: "instance-state-name", values: ["pending", "running", "stopping", "stopped"]),
            ]
        ).map(\.instanceId)
        try await changes.remove("bastion \(instances.joined(separator: ", "))", exists: !instances.isEmpty) {
            try await ec2.terminateInstances(ids: instances)
            try await context.poll("the bastion to terminate", timeout: 600) {
                let states = try await ec2.describeInstances(ids: instances).compactMap(\.instanceState?.name)
                return states.allSatisfy { $0 == "terminated" } ? nil : states.joined(separator: ", ")
            }
        }
    }
}
