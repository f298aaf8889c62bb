
/// The request and answer messages of `EC2`'s operations, with the wire names EC2 uses.
extension EC2 {
    /// Every Describe call: ids under the operation's own key, and filters.
    struct Describe: Encodable {
        var VpcId: [String]? = nil
        var SubnetId: [String]? = nil
        var InternetGatewayId: [String]? = nil
        var AllocationId: [String]? = nil
        var NatGatewayId: [String]? = nil
        var RouteTableId: [String]? = nil
        var GroupId: [String]? = nil
        var InstanceId: [String]? = nil
        var Filter: [EC2.Filter]? = nil
    }
    struct BoolValue: Encodable { var Value: Bool; init(_ value: Bool) { Value = value } }
    struct TagsOnly: Encodable { var TagSpecification: [TagSpecification]? }
    struct CreateVpcInput: Encodable { var CidrBlock: String, TagSpecification: [TagSpecification]? }
    struct ModifyVpcAttributeInput: Encodable {
        var VpcId: String, EnableDnsHostnames: BoolValue?, EnableDnsSupport: BoolValue?
    }
    struct CreateSubnetInput: Encodable {
        var VpcId: String, CidrBlock: String, AvailabilityZone: String, TagSpecification: [TagSpecification]?
    }
    struct ModifySubnetAttributeInput: Encodable { var SubnetId: String, MapPublicIpOnLaunch: BoolValue }
    struct AllocateAddressInput: Encodable { var Domain: String, TagSpecification: [TagSpecification]? }
    struct CreateNatGatewayInput: Encodable, IdempotentInput {
        var SubnetId: String, AllocationId: String, TagSpecification: [TagSpecification]?, ClientToken: String?
        static var idempotencyToken: WritableKeyPath<Self, String?> { \.ClientToken }
    }
    struct CreateRouteTableInput: Encodable { var VpcId: String, TagSpecification: [TagSpecification]? }
    struct CreateRouteInput: Encodable {
        var RouteTableId: String, DestinationCidrBlock: String, GatewayId: String?, NatGatewayId: String?
    }
    struct CreateSecurityGroupInput: Encodable {
        var GroupName: String, GroupDescription: String, VpcId: String, TagSpecification: [TagSpecification]?
    }
    struct IngressInput: Encodable { var GroupId: String, IpPermissions: [IpPermission] }
    struct TagsInput: Encodable { var ResourceId: [String], Tag: [EC2.Tag] }
    struct RunInstancesInput: Encodable {
        var ImageId: String, InstanceType: String, MinCount: Int, MaxCount: Int, KeyName: String?, SubnetId: String
        var SecurityGroupId: [String], TagSpecification: [TagSpecification]?
    }

    struct VpcOutput: Decodable { var vpc: Vpc }
    struct DescribeVpcsOutput: Decodable { var vpcSet: [Vpc]? }
    struct SubnetOutput: Decodable { var subnet: Subnet }
    struct DescribeSubnetsOutput: Decodable { var subnetSet: [Subnet]? }
    struct InternetGatewayOutput: Decodable { var internetGateway: InternetGateway }
    struct DescribeInternetGatewaysOutput: Decodable { var internetGatewaySet: [InternetGateway]? }
    struct DescribeAddressesOutput: Decodable { var addressesSet: [Address]? }
    struct NatGatewayOutput: Decodable { var natGateway: NatGateway }
    struct NatGatewayIdOutput: Decodable { var natGatewayId: String? }
    struct DescribeNatGatewaysOutput: Decodable { var natGatewaySet: [NatGateway]? }
    struct RouteTableOutput: Decodable { var routeTable: RouteTable }
    struct AssociationOutput: Decodable { var associationId: String }
    struct DescribeRouteTablesOutput: Decodable { var routeTableSet: [RouteTable]? }
    struct GroupIdOutput: Decodable { var groupId: String }
    struct DescribeSecurityGroupsOutput: Decodable { var securityGroupInfo: [SecurityGroup]? }
    struct InstancesOutput: Decodable { var instancesSet: [Instance]? }
    struct DescribeInstancesOutput: Decodable { var reservationSet: [InstancesOutput]? }
    struct DescribeAvailabilityZonesOutput: Decodable { var availabilityZoneInfo: [AvailabilityZone]? }
}
