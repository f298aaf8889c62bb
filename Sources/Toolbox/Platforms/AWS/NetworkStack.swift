import ToolboxAWS
import ToolboxCore

/// The original's network stack: a VPC with two public and two private subnets in two zones, an
/// internet gateway, a NAT gateway per zone, route tables, and the security groups of the public
/// load balancer and of the tasks.
struct NetworkStack: InfraStack {
    let context: AWSContext
    static let vpcCIDR = "10.0.0.0/16"

    private var ec2: EC2 { context.aws.ec2 }
    private var names: AWSNames { context.names }

    func ensure(_ changes: InfraChanges, _ build: inout InfraBuild) async throws {
        build.network = try await ensureNetwork(changes)
    }

    /// The network as build-infra left it (nil when it is not there), for the rollout.
    func find() async throws -> NetworkIDs? {
        let plan = InfraChanges(dryRun: true)
        let network = try await ensureNetwork(plan)
        return plan.didChange ? nil : network
    }

    private func ensureNetwork(_ changes: InfraChanges) async throws -> NetworkIDs {
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
            throw ToolboxError("region \(context.awsSettings.region) has fewer than two availability zones")
        }
        let routing = NetworkRouting(context: context, changes: changes, vpc: vpc)
        var publicSubnets: [String] = []
        var privateSubnets: [String] = []
        for (index, zone) in zones.enumerated() {
            publicSubnets.append(
                try await routing.subnet(names.publicSubnet(index), block: index, zone: zone, isPublic: true)
            )
            privateSubnets.append(
                try await routing.subnet(names.privateSubnet(index), block: index + 2, zone: zone, isPublic: false)
            )
        }
        let gateway = try await ensureInternetGateway(changes, vpc: vpc)
        try await routing.table(names.publicRouteTable, defaultRoute: .internet(gateway), subnets: publicSubnets)
        for index in 0..<2 {
            let nat = try await ensureNatGateway(changes, index: index, subnet: publicSubnets[index])
            try await routing.table(
                names.privateRouteTable(index),
                defaultRoute: .nat(nat),
                subnets: [privateSubnets[index]]
            )
        }
        let loadBalancerGroup = try await context.securityGroups.ensure(
            changes,
            names.loadBalancerSecurityGroup,
            vpc: vpc,
            purpose: "public load balancer: HTTP from anywhere"
        ) { _ in [EC2.IpPermission(fromPort: 80, toPort: 80, cidrs: ["0.0.0.0/0"])] }
        let taskGroup = try await context.securityGroups.ensure(
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

    private func ensureInternetGateway(_ changes: InfraChanges, vpc: String) async throws -> String {
        let gateway = try await changes.ensure("internet gateway \(names.internetGateway)") {
            try await ec2.describeInternetGateways(filters: names.ec2Filters(names.internetGateway))
                .first { names.isNamed($0.tagSet, names.internetGateway) }?.internetGatewayId
        } create: {
            try await ec2.createInternetGateway(tags: names.ec2Tags(names.internetGateway)).internetGatewayId
        }
        try await changes.converge(
            "internet gateway \(names.internetGateway) attached to \(names.vpc)",
            after: [gateway, vpc]
        ) {
            let found = try await ec2.describeInternetGateways(ids: [gateway]).first
            return found?.attachmentSet?.contains { $0.vpcId == vpc } ?? false
        } apply: {
            try await ec2.attachInternetGateway(internetGatewayId: gateway, vpcId: vpc)
        }
        return gateway
    }

    private func ensureNatGateway(_ changes: InfraChanges, index: Int, subnet: String) async throws -> String {
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
        guard !changes.dryRun else { return nat }
        // Routes to a NAT gateway need it available (a minute or two on AWS).
        try await context.poll("NAT gateway \(names.natGateway(index)) to be available", timeout: 600) {
            let state = try await ec2.describeNatGateways(ids: [nat]).first?.state ?? "available"
            if state == "failed" {
                throw ToolboxError("NAT gateway \(nat) failed; run make destroy-infra and build-infra again")
            }
            return state == "available" ? nil : state
        }
        return nat
    }

    /// Everything tagged with the project in EC2, dependents first, waiting where AWS needs it.
    /// The security groups the routers and the bastion add to the VPC go here too: groups that
    /// refer to each other are dropped together, the referring ones first.
    func destroy(_ changes: InfraChanges) async throws {
        let tagged = [EC2.Filter.tag(AWSNames.projectTagKey, context.project)]
        try await destroyNatGateways(changes, tagged)
        for address in try await ec2.describeAddresses(filters: tagged) {
            guard let allocation = address.allocationId else { continue }
            try await changes.remove("elastic IP \(address.publicIp ?? allocation)", exists: true) {
                try await ec2.releaseAddress(allocationId: allocation)
            }
        }
        for table in try await ec2.describeRouteTables(filters: tagged) {
            try await changes.remove("route table \(table.routeTableId)", exists: true) {
                for association in table.associationSet ?? [] where association.main != true {
                    if let id = association.routeTableAssociationId {
                        try await ec2.disassociateRouteTable(associationId: id)
                    }
                }
                try await ec2.deleteRouteTable(routeTableId: table.routeTableId)
            }
        }
        for gateway in try await ec2.describeInternetGateways(filters: tagged) {
            let id = gateway.internetGatewayId
            try await changes.remove("internet gateway \(id)", exists: true) {
                for attachment in gateway.attachmentSet ?? [] {
                    try await ec2.detachInternetGateway(internetGatewayId: id, vpcId: attachment.vpcId)
                }
                try await context.whenFree("internet gateway \(id)") {
                    try await ec2.deleteInternetGateway(internetGatewayId: id)
                }
            }
        }
        try await destroyInsideVPC(changes, tagged)
    }

    private func destroyNatGateways(_ changes: InfraChanges, _ tagged: [EC2.Filter]) async throws {
        let gateways = try await ec2.describeNatGateways(filters: tagged).filter {
            $0.state != "deleted" && $0.state != "deleting"
        }
        for gateway in gateways {
            try await changes.remove("NAT gateway \(gateway.natGatewayId)", exists: true) {
                try await ec2.deleteNatGateway(natGatewayId: gateway.natGatewayId)
            }
        }
        guard !changes.dryRun, !gateways.isEmpty else { return }
        // Their addresses and subnets stay in use until the gateways are gone (a minute on AWS).
        try await context.poll("the NAT gateways to be deleted", timeout: 600) {
            let left = try await ec2.describeNatGateways(ids: gateways.map(\.natGatewayId)).filter {
                $0.state != "deleted"
            }
            return left.isEmpty ? nil : "\(left.count) deleting"
        }
    }

    /// Subnets, security groups (the bastion's, the tasks', then the ALB's, by name), the VPC.
    private func destroyInsideVPC(_ changes: InfraChanges, _ tagged: [EC2.Filter]) async throws {
        for subnet in try await ec2.describeSubnets(filters: tagged) {
            try await changes.remove("subnet \(subnet.subnetId) (\(subnet.cidrBlock ?? ""))", exists: true) {
                try await context.whenFree("subnet \(subnet.subnetId)") {
                    try await ec2.deleteSubnet(subnetId: subnet.subnetId)
                }
            }
        }
        let groups = try await ec2.describeSecurityGroups(filters: tagged).sorted {
            ($0.groupName ?? "") < ($1.groupName ?? "")
        }.reversed()
        for group in groups {
            let name = group.groupName ?? group.groupId
            try await changes.remove("security group \(name)", exists: true) {
                try await context.whenFree("security group \(name)") {
                    try await ec2.deleteSecurityGroup(groupId: group.groupId)
                }
            }
        }
        for vpc in try await ec2.describeVpcs(filters: tagged) {
            try await changes.remove("VPC \(vpc.vpcId)", exists: true) {
                try await context.whenFree("VPC \(vpc.vpcId)") { try await ec2.deleteVpc(vpcId: vpc.vpcId) }
            }
        }
    }
}

/// The network's subnets and route tables, in one VPC.
private struct NetworkRouting {
    let context: AWSContext
    let changes: InfraChanges
    let vpc: String

    enum DefaultRoute {
        case internet(String)
        case nat(String)
    }

    private var ec2: EC2 { context.aws.ec2 }
    private var names: AWSNames { context.names }

    /// The subnet `10.0.<block>.0/24` in `zone`; a public one gives its instances public addresses.
    func subnet(_ name: String, block: Int, zone: String, isPublic: Bool) async throws -> String {
        let cidr = "10.0.\(block).0/24"
        return try await changes.ensure("subnet \(name) (\(cidr), \(zone))", after: [vpc]) {
            try await ec2.describeSubnets(filters: names.ec2Filters(name)).first { names.isNamed($0.tagSet, name) }?
                .subnetId
        } create: {
            let subnet = try await ec2.createSubnet(
                vpcId: vpc,
                cidrBlock: cidr,
                availabilityZone: zone,
                tags: names.ec2Tags(name)
            )
            if isPublic { try await ec2.modifySubnetAttribute(subnetId: subnet.subnetId, mapPublicIpOnLaunch: true) }
            return subnet.subnetId
        }
    }

    /// A route table whose default route leaves through `defaultRoute`, associated with `subnets`.
    func table(_ name: String, defaultRoute: DefaultRoute, subnets: [String]) async throws {
        let table = try await changes.ensure("route table \(name)", after: [vpc]) {
            try await ec2.describeRouteTables(filters: names.ec2Filters(name)).first { names.isNamed($0.tagSet, name) }?
                .routeTableId
        } create: {
            try await ec2.createRouteTable(vpcId: vpc, tags: names.ec2Tags(name)).routeTableId
        }
        let (gateway, nat): (String?, String?) =
            switch defaultRoute {
            case .internet(let id): (id, nil)
            case .nat(let id): (nil, id)
            }
        let target = gateway ?? nat ?? "?"
        try await changes.converge("route 0.0.0.0/0 via \(target) in \(name)", after: [table, target]) {
            let routes = try await ec2.describeRouteTables(ids: [table]).first?.routeSet ?? []
            return routes.contains { $0.destinationCidrBlock == "0.0.0.0/0" }
        } apply: {
            try await ec2.createRoute(
                routeTableId: table,
                destinationCidrBlock: "0.0.0.0/0",
                gatewayId: gateway,
                natGatewayId: nat
            )
        }
        for subnet in subnets {
            try await changes.converge("route table \(name) associated with \(subnet)", after: [table, subnet]) {
                let associations = try await ec2.describeRouteTables(ids: [table]).first?.associationSet ?? []
                return associations.contains { $0.subnetId == subnet }
            } apply: {
                _ = try await ec2.associateRouteTable(routeTableId: table, subnetId: subnet)
            }
        }
    }
}
