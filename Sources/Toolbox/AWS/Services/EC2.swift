
/// Amazon EC2 (EC2 Query): the network under the services — VPC, subnets, gateways, addresses,
/// route tables, security groups, tags and zones.
public struct EC2: AWSServiceAPI {
    public static let service = AWSService(
        name: "ec2", endpointVariableID: "EC2", wireProtocol: .ec2Query(apiVersion: "2016-11-15"))
    public let client: AWSClient

    public init(client: AWSClient) { self.client = client }

    /// A Describe call's items (EC2 leaves the list out of the answer when it is empty).
    private func describe<Output: Decodable, Item>(
        _ operation: String, _ input: some Encodable, _ items: KeyPath<Output, [Item]?>
    ) async throws -> [Item] {
        let output: Output = try await call(operation, input)
        return output[keyPath: items] ?? []
    }

    // MARK: VPC

    public func createVpc(cidrBlock: String, tags: [Tag] = []) async throws -> Vpc {
        let output: VpcOutput = try await call(
            "CreateVpc", CreateVpcInput(CidrBlock: cidrBlock, TagSpecification: TagSpecification.list("vpc", tags)))
        return output.vpc
    }
    public func describeVpcs(ids: [String]? = nil, filters: [Filter]? = nil) async throws -> [Vpc] {
        try await describe("DescribeVpcs", Describe(VpcId: ids, Filter: filters), \DescribeVpcsOutput.vpcSet)
    }
    /// Private DNS (Cloud Map namespaces) needs both DNS support and DNS host names on.
    public func modifyVpcAttribute(vpcId: String, enableDnsHostnames: Bool? = nil, enableDnsSupport: Bool? = nil)
        async throws
    {
        try await perform(
            "ModifyVpcAttribute",
            ModifyVpcAttributeInput(
                VpcId: vpcId, EnableDnsHostnames: enableDnsHostnames.map(BoolValue.init),
                EnableDnsSupport: enableDnsSupport.map(BoolValue.init)))
    }
    public func deleteVpc(vpcId: String) async throws { try await perform("DeleteVpc", ["VpcId": vpcId]) }

    // MARK: Subnets

    public func createSubnet(vpcId: String, cidrBlock: String, availabilityZone: String, tags: [Tag] = []) async throws
        -> Subnet
    {
        let input = CreateSubnetInput(
            VpcId: vpcId, CidrBlock: cidrBlock, AvailabilityZone: availabilityZone,
            TagSpecification: TagSpecification.list("subnet", tags))
        let output: SubnetOutput = try await call("CreateSubnet", input)
        return output.subnet
    }
    public func describeSubnets(ids: [String]? = nil, filters: [Filter]? = nil) async throws -> [Subnet] {
        try await describe(
            "DescribeSubnets", Describe(SubnetId: ids, Filter: filters), \DescribeSubnetsOutput.subnetSet)
    }
    public func modifySubnetAttribute(subnetId: String, mapPublicIpOnLaunch: Bool) async throws {
        try await perform(
            "ModifySubnetAttribute",
            ModifySubnetAttributeInput(SubnetId: subnetId, MapPublicIpOnLaunch: BoolValue(mapPublicIpOnLaunch)))
    }
    public func deleteSubnet(subnetId: String) async throws {
        try await perform("DeleteSubnet", ["SubnetId": subnetId])
    }

    // MARK: Internet gateways

    public func createInternetGateway(tags: [Tag] = []) async throws -> InternetGateway {
        let output: InternetGatewayOutput = try await call(
            "CreateInternetGateway", TagsOnly(TagSpecification: TagSpecification.list("internet-gateway", tags)))
        return output.internetGateway
    }
    public func attachInternetGateway(internetGatewayId: String, vpcId: String) async throws {
        try await perform("AttachInternetGateway", ["InternetGatewayId": internetGatewayId, "VpcId": vpcId])
    }
    public func detachInternetGateway(internetGatewayId: String, vpcId: String) async throws {
        try await perform("DetachInternetGateway", ["InternetGatewayId": internetGatewayId, "VpcId": vpcId])
    }
    public func describeInternetGateways(ids: [String]? = nil, filters: [Filter]? = nil) async throws
        -> [InternetGateway]
    {
        try await describe(
            "DescribeInternetGateways", Describe(InternetGatewayId: ids, Filter: filters),
            \DescribeInternetGatewaysOutput.internetGatewaySet)
    }
    public func deleteInternetGateway(internetGatewayId: String) async throws {
        try await perform("DeleteInternetGateway", ["InternetGatewayId": internetGatewayId])
    }

    // MARK: Elastic IP addresses and NAT gateways

    public func allocateAddress(tags: [Tag] = []) async throws -> Address {
        try await call(
            "AllocateAddress",
            AllocateAddressInput(Domain: "vpc", TagSpecification: TagSpecification.list("elastic-ip", tags)))
    }
    public func describeAddresses(allocationIds: [String]? = nil, filters: [Filter]? = nil) async throws -> [Address] {
        try await describe(
            "DescribeAddresses", Describe(AllocationId: allocationIds, Filter: filters),
            \DescribeAddressesOutput.addressesSet)
    }
    public func releaseAddress(allocationId: String) async throws {
        try await perform("ReleaseAddress", ["AllocationId": allocationId])
    }

    public func createNatGateway(subnetId: String, allocationId: String, tags: [Tag] = [], clientToken: String? = nil)
        async throws
        -> NatGateway
    {
        let input = CreateNatGatewayInput(
            SubnetId: subnetId, AllocationId: allocationId, TagSpecification: TagSpecification.list("natgateway", tags),
            ClientToken: clientToken)
        let output: NatGatewayOutput = try await call("CreateNatGateway", input.withIdempotencyToken())
        return output.natGateway
    }
    public func describeNatGateways(ids: [String]? = nil, filters: [Filter]? = nil) async throws -> [NatGateway] {
        try await describe(
            "DescribeNatGateways", Describe(NatGatewayId: ids, Filter: filters),
            \DescribeNatGatewaysOutput.natGatewaySet)
    }
    public func deleteNatGateway(natGatewayId: String) async throws {
        let _: NatGatewayIdOutput = try await call("DeleteNatGateway", ["NatGatewayId": natGatewayId])
    }

    // MARK: Route tables

    public func createRouteTable(vpcId: String, tags: [Tag] = []) async throws -> RouteTable {
        let output: RouteTableOutput = try await call(
            "CreateRouteTable",
            CreateRouteTableInput(VpcId: vpcId, TagSpecification: TagSpecification.list("route-table", tags)))
        return output.routeTable
    }
    /// A route to an internet gateway (`gatewayId`) or a NAT gateway (`natGatewayId`).
    public func createRoute(
        routeTableId: String, destinationCidrBlock: String, gatewayId: String? = nil, natGatewayId: String? = nil
    ) async throws {
        try await perform(
            "CreateRoute",
            CreateRouteInput(
                RouteTableId: routeTableId, DestinationCidrBlock: destinationCidrBlock, GatewayId: gatewayId,
                NatGatewayId: natGatewayId))
    }
    public func deleteRoute(routeTableId: String, destinationCidrBlock: String) async throws {
        try await perform("DeleteRoute", ["RouteTableId": routeTableId, "DestinationCidrBlock": destinationCidrBlock])
    }
    /// Returns the association id (needed to disassociate).
    public func associateRouteTable(routeTableId: String, subnetId: String) async throws -> String {
        let output: AssociationOutput = try await call(
            "AssociateRouteTable", ["RouteTableId": routeTableId, "SubnetId": subnetId])
        return output.associationId
    }
    public func disassociateRouteTable(associationId: String) async throws {
        try await perform("DisassociateRouteTable", ["AssociationId": associationId])
    }
    public func describeRouteTables(ids: [String]? = nil, filters: [Filter]? = nil) async throws -> [RouteTable] {
        try await describe(
            "DescribeRouteTables", Describe(RouteTableId: ids, Filter: filters),
            \DescribeRouteTablesOutput.routeTableSet)
    }
    public func deleteRouteTable(routeTableId: String) async throws {
        try await perform("DeleteRouteTable", ["RouteTableId": routeTableId])
    }

    // MARK: Security groups

    /// Returns the group id.
    public func createSecurityGroup(groupName: String, description: String, vpcId: String, tags: [Tag] = [])
        async throws -> String
    {
        let input = CreateSecurityGroupInput(
            GroupName: groupName, GroupDescription: description, VpcId: vpcId,
            TagSpecification: TagSpecification.list("security-group", tags))
        let output: GroupIdOutput = try await call("CreateSecurityGroup", input)
        return output.groupId
    }
    public func authorizeSecurityGroupIngress(groupId: String, permissions: [IpPermission]) async throws {
        try await perform("AuthorizeSecurityGroupIngress", IngressInput(GroupId: groupId, IpPermissions: permissions))
    }
    public func describeSecurityGroups(ids: [String]? = nil, filters: [Filter]? = nil) async throws -> [SecurityGroup] {
        try await describe(
            "DescribeSecurityGroups", Describe(GroupId: ids, Filter: filters),
            \DescribeSecurityGroupsOutput.securityGroupInfo)
    }
    public func deleteSecurityGroup(groupId: String) async throws {
        try await perform("DeleteSecurityGroup", ["GroupId": groupId])
    }

    // MARK: Instances (the optional bastion)

    public func runInstances(
        imageId: String, instanceType: String, subnetId: String, securityGroupIds: [String], keyName: String? = nil,
        tags: [Tag] = []
    ) async throws -> [Instance] {
        let input = RunInstancesInput(
            ImageId: imageId, InstanceType: instanceType, MinCount: 1, MaxCount: 1, KeyName: keyName,
            SubnetId: subnetId,
            SecurityGroupId: securityGroupIds, TagSpecification: TagSpecification.list("instance", tags))
        let output: InstancesOutput = try await call("RunInstances", input)
        return output.instancesSet ?? []
    }
    public func describeInstances(ids: [String]? = nil, filters: [Filter]? = nil) async throws -> [Instance] {
        let output: DescribeInstancesOutput = try await call(
            "DescribeInstances", Describe(InstanceId: ids, Filter: filters))
        return (output.reservationSet ?? []).flatMap { $0.instancesSet ?? [] }
    }
    public func terminateInstances(ids: [String]) async throws {
        try await perform("TerminateInstances", Describe(InstanceId: ids))
    }

    // MARK: Tags and zones

    public func createTags(resourceIds: [String], tags: [Tag]) async throws {
        try await perform("CreateTags", TagsInput(ResourceId: resourceIds, Tag: tags))
    }
    public func deleteTags(resourceIds: [String], tags: [Tag]) async throws {
        try await perform("DeleteTags", TagsInput(ResourceId: resourceIds, Tag: tags))
    }
    public func describeAvailabilityZones() async throws -> [AvailabilityZone] {
        try await describe(
            "DescribeAvailabilityZones", AWSEmptyInput(), \DescribeAvailabilityZonesOutput.availabilityZoneInfo)
    }
}
