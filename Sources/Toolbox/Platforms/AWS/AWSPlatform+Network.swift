import ToolboxAWS
import ToolboxCore

/// The original's network stack: a VPC with two public and two private subnets in two zones, an
/// internet gateway, a NAT gateway per zone, route tables, and the security groups.
extension AWSPlatform {
    static let vpcCIDR = "10.0.0.0/16"

    func ensureNetwork(_ changes: InfraChanges) async throws -> NetworkIDs {
        let ec2 = aws.ec2
        let vpc = try await changes.ensure("VPC \(names.vpc) (\(Self.vpcCIDR))") {
            try await ec2.describeVpcs(filters: names.ec2Filters(names.vpc)).first {
                names.isNamed($0.tagSet, names.vpc)
            }?.vpcId
        } create: {
            let vpc = try await ec2.createVpc(cidrBlock: Self.vpcCIDR, tags: names.ec2Tags(names.vpc))
            // Cloud Map's private DNS namespace needs both.
            try await ec2.modifyVpcAttribute(vpcId: vpc.vpcId, enableDnsSupport: true)
            try await ec2.modifyVpcAttribute(vpcId: vpc.vpcId, enableDnsHostnames: true)
            return vpc.vpcId
        }
        let zones = try await ec2.describeAvailabilityZones().map(\.zoneName).sorted().prefix(2)
        guard zones.count == 2 else {
            throw ToolboxError("region \(awsSettings.region) has fewer than two availability zones")
        }
        var publicSubnets: [String] = []
        var privateSubnets: [String] = []
        for (index, zone) in zones.enumerated() {
            publicSubnets.append(
                try await ensureSubnet(
                    changes,
                    names.publicSubnet(index),
                    vpc: vpc,
                    cidr: "10.0.\(index).0/24",
                    zone: zone,
                    isPublic: true
                )
            )
            privateSubnets.append(
                try await ensureSubnet(
                    changes,
                    names.privateSubnet(index),
                    vpc: vpc,
                    cidr: "10.0.\(index + 2).0/24",
                    zone: zone,
                    isPublic: false
                )
            )
        }
        let gateway = try await ensureInternetGateway(changes, vpc: vpc)
        let publicTable = try await ensureRouteTable(changes, names.publicRouteTable, vpc: vpc)
        try await ensureDefaultRoute(changes, table: publicTable, name: names.publicRouteTable, gatewayId: gateway)
        for subnet in publicSubnets {
            try await ensureAssociation(changes, table: publicTable, name: names.publicRouteTable, subnet: subnet)
        }
        for index in 0..<2 {
            let nat = try await ensureNatGateway(changes, index: index, subnet: publicSubnets[index])
            let table = try await ensureRouteTable(changes, names.privateRouteTable(index), vpc: vpc)
            try await ensureDefaultRoute(changes, table: table, name: names.privateRouteTable(index), natGatewayId: nat)
            try await ensureAssociation(
                changes,
                table: table,
                name: names.privateRouteTable(index),
                subnet: privateSubnets[index]
            )
        }
        let loadBalancerGroup = try await securityGroups.ensure(
            changes,
            names.loadBalancerSecurityGroup,
            vpc: vpc,
            purpose: "public load balancer: HTTP from anywhere"
        ) { _ in [EC2.IpPermission(fromPort: 80, toPort: 80, cidrs: ["0.0.0.0/0"])] }
        let taskGroup = try await securityGroups.ensure(
            changes,
            names.taskSecurityGroup,
            vpc: vpc,
            purpose: "tasks: from the load balancer and from each other"
        ) { own in [EC2.IpPermission(fromPort: 0, toPort: 65535, sourceGroupIds: [loadBalancerGroup, own])] }
        return NetworkIDs(
            vpc: vpc,
            publicSubnets: publicSubnets,
            privateSubnets: privateSubnets,
            loadBalancerSecurityGroup: loadBalancerGroup,
            taskSecurityGroup: taskGroup
        )
    }

    /// The network as build-infra left it, for the rollout (nil when it is not there).
    func findNetwork() async throws -> NetworkIDs? {
        let plan = InfraChanges(dryRun: true)
        let network = try await ensureNetwork(plan)
        return plan.didChange ? nil : network
    }

    private func ensureSubnet(
        _ changes: InfraChanges,
        _ name: String,
        vpc: String,
        cidr: String,
        zone: String,
        isPublic: Bool
    ) async throws -> String {
        try await changes.ensure("subnet \(name) (\(cidr), \(zone))", after: [vpc]) {
            try await aws.ec2.describeSubnets(filters: names.ec2Filters(name)).first { names.isNamed($0.tagSet, name) }?
                .subnetId
        } create: {
            let subnet = try await aws.ec2.createSubnet(
                vpcId: vpc,
                cidrBlock: cidr,
                availabilityZone: zone,
                tags: names.ec2Tags(name)
            )
            if isPublic {
                try await aws.ec2.modifySubnetAttribute(subnetId: subnet.subnetId, mapPublicIpOnLaunch: true)
            }
            return subnet.subnetId
        }
    }

    private func ensureInternetGateway(_ changes: InfraChanges, vpc: String) async throws -> String {
        let gateway = try await changes.ensure("internet gateway \(names.internetGateway)") {
            try await aws.ec2.describeInternetGateways(filters: names.ec2Filters(names.internetGateway))
                .first { names.isNamed($0.tagSet, names.internetGateway) }?.internetGatewayId
        } create: {
            try await aws.ec2.createInternetGateway(tags: names.ec2Tags(names.internetGateway)).internetGatewayId
        }
        try await changes.converge(
            "internet gateway \(names.internetGateway) attached to \(names.vpc)",
            after: [gateway, vpc]
        ) {
            let found = try await aws.ec2.describeInternetGateways(ids: [gateway]).first
            return found?.attachmentSet?.contains { $0.vpcId == vpc } ?? false
        } apply: {
            try await aws.ec2.attachInternetGateway(internetGatewayId: gateway, vpcId: vpc)
        }
        return gateway
    }

    private func ensureNatGateway(_ changes: InfraChanges, index: Int, subnet: String) async throws -> String {
        let ec2 = aws.ec2
        let address = try await changes.ensure("elastic IP \(names.natAddress(index))") {
            try await ec2.describeAddresses(filters: names.ec2Filters(names.natAddress(index)))
                .first { names.isNamed($0.tagSet, names.natAddress(index)) }?.allocationId
        } create: {
            guard let id = try await ec2.allocateAddress(tags: names.ec2Tags(names.natAddress(index))).allocationId
            else {
                throw ToolboxError("EC2 allocated an address without an allocation id")
            }
            return id
        }
        let live: Set<String> = ["pending", "available"]
        let nat = try await changes.ensure("NAT gateway \(names.natGateway(index))", after: [subnet, address]) {
            try await ec2.describeNatGateways(filters: names.ec2Filters(names.natGateway(index)))
                .first { live.contains($0.state ?? "available") && names.isNamed($0.tagSet, names.natGateway(index)) }?
                .natGatewayId
        } create: {
            try await ec2.createNatGateway(
                subnetId: subnet,
                allocationId: address,
                tags: names.ec2Tags(names.natGateway(index))
            ).natGatewayId
        }
        if !changes.dryRun {
            // Routes to a NAT gateway need it available (a minute or two on AWS).
            try await poll("NAT gateway \(names.natGateway(index)) to be available", timeout: 600) {
                let state = try await ec2.describeNatGateways(ids: [nat]).first?.state ?? "available"
                if state == "failed" {
                    throw ToolboxError("NAT gateway \(nat) failed; run make destroy-infra and build-infra again")
                }
                return state == "available" ? nil : state
            }
        }
        return nat
    }

    private func ensureRouteTable(_ changes: InfraChanges, _ name: String, vpc: String) async throws -> String {
        try await changes.ensure("route table \(name)", after: [vpc]) {
            try await aws.ec2.describeRouteTables(filters: names.ec2Filters(name)).first {
                names.isNamed($0.tagSet, name)
            }?.routeTableId
        } create: {
            try await aws.ec2.createRouteTable(vpcId: vpc, tags: names.ec2Tags(name)).routeTableId
        }
    }

    private func ensureDefaultRoute(
        _ changes: InfraChanges,
        table: String,
        name: String,
        gatewayId: String? = nil,
        natGatewayId: String? = nil
    ) async throws {
        let target = gatewayId ?? natGatewayId ?? "?"
        try await changes.converge("route 0.0.0.0/0 via \(target) in \(name)", after: [table, target]) {
            let routes = try await aws.ec2.describeRouteTables(ids: [table]).first?.routeSet ?? []
            return routes.contains { $0.destinationCidrBlock == "0.0.0.0/0" }
        } apply: {
            try await aws.ec2.createRoute(
                routeTableId: table,
                destinationCidrBlock: "0.0.0.0/0",
                gatewayId: gatewayId,
                natGatewayId: natGatewayId
            )
        }
    }

    private func ensureAssociation(_ changes: InfraChanges, table: String, name: String, subnet: String) async throws {
        try await changes.converge("route table \(name) associated with \(subnet)", after: [table, subnet]) {
            let associations = try await aws.ec2.describeRouteTables(ids: [table]).first?.associationSet ?? []
            return associations.contains { $0.subnetId == subnet }
        } apply: {
            _ = try await aws.ec2.associateRouteTable(routeTableId: table, subnetId: subnet)
        }
    }

    var securityGroups: SecurityGroups { SecurityGroups(aws: aws, names: names) }
}
