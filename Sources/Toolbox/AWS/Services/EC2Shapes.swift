
/// Shapes of the EC2 API as its XML answers spell them (lowerCamel, lists of `<item>`), and the
/// request parts shared by many calls (tags, filters).
extension EC2 {
    public typealias Tag = AWSTag

    /// A tag as EC2 answers it.
    public struct ResourceTag: Decodable, Sendable, Equatable {
        public var key: String
        public var value: String?
    }

    /// A describe filter: `tag:project` = [demo], `vpc-id` = [...].
    public struct Filter: Encodable, Sendable, Equatable {
        public var Name: String
        public var Value: [String]
        public init(name: String, values: [String]) { (Name, Value) = (name, values) }
        /// Resources tagged `key` = `value`.
        public static func tag(_ key: String, _ value: String) -> Filter { Filter(name: "tag:\(key)", values: [value]) }
    }

    struct TagSpecification: Encodable {
        var ResourceType: String
        var Tag: [EC2.Tag]
        static func list(_ resourceType: String, _ tags: [EC2.Tag]) -> [TagSpecification]? {
            tags.isEmpty ? nil : [TagSpecification(ResourceType: resourceType, Tag: tags)]
        }
    }

    public struct Vpc: Decodable, Sendable, Equatable {
        public var vpcId: String
        public var tagSet: [ResourceTag]?
    }

    public struct Subnet: Decodable, Sendable, Equatable {
        public var subnetId: String
        public var cidrBlock: String?
        public var tagSet: [ResourceTag]?
    }

    public struct InternetGatewayAttachment: Decodable, Sendable, Equatable {
        public var vpcId: String
    }

    public struct InternetGateway: Decodable, Sendable, Equatable {
        public var internetGatewayId: String
        public var attachmentSet: [InternetGatewayAttachment]?
        public var tagSet: [ResourceTag]?
    }

    public struct Address: Decodable, Sendable, Equatable {
        public var allocationId: String?
        public var publicIp: String?
        public var tagSet: [ResourceTag]?
    }

    public struct NatGateway: Decodable, Sendable, Equatable {
        public var natGatewayId: String
        public var subnetId: String?
        /// pending, available, deleting, deleted or failed.
        public var state: String?
        public var tagSet: [ResourceTag]?
    }

    public struct Route: Decodable, Sendable, Equatable {
        public var destinationCidrBlock: String?
        public var natGatewayId: String?
    }

    public struct RouteTableAssociation: Decodable, Sendable, Equatable {
        public var routeTableAssociationId: String?
        public var subnetId: String?
        public var main: Bool?
    }

    public struct RouteTable: Decodable, Sendable, Equatable {
        public var routeTableId: String
        public var routeSet: [Route]?
        public var associationSet: [RouteTableAssociation]?
        public var tagSet: [ResourceTag]?
    }

    /// One ingress rule: a protocol and port range from CIDR ranges or from other security groups.
    public struct IpPermission: Encodable, Sendable, Equatable {
        public var IpProtocol: String
        public var FromPort: Int?
        public var ToPort: Int?
        public var IpRanges: [IpRange]?
        public var Groups: [GroupPair]?
        public init(
            ipProtocol: String = "tcp", fromPort: Int?, toPort: Int?, cidrs: [String] = [],
            sourceGroupIds: [String] = []
        ) {
            IpProtocol = ipProtocol
            FromPort = fromPort
            ToPort = toPort
            IpRanges = cidrs.isEmpty ? nil : cidrs.map { IpRange(CidrIp: $0) }
            Groups = sourceGroupIds.isEmpty ? nil : sourceGroupIds.map { GroupPair(GroupId: $0) }
        }
        public struct IpRange: Encodable, Sendable, Equatable { public var CidrIp: String }
        public struct GroupPair: Encodable, Sendable, Equatable { public var GroupId: String }
    }

    public struct IpRangeDescription: Decodable, Sendable, Equatable { public var cidrIp: String? }
    public struct GroupPairDescription: Decodable, Sendable, Equatable { public var groupId: String? }
    public struct IpPermissionDescription: Decodable, Sendable, Equatable {
        public var ipRanges: [IpRangeDescription]?
        public var groups: [GroupPairDescription]?
    }

    public struct SecurityGroup: Decodable, Sendable, Equatable {
        public var groupId: String
        public var groupName: String?
        public var ipPermissions: [IpPermissionDescription]?
        public var tagSet: [ResourceTag]?
    }

    public struct InstanceState: Decodable, Sendable, Equatable {
        /// pending, running, shutting-down, terminated, stopping, stopped.
        public var name: String?
    }

    public struct Instance: Decodable, Sendable, Equatable {
        public var instanceId: String
        public var instanceState: InstanceState?
        public var subnetId: String?
        /// The public address (EC2 calls it `ipAddress` in XML).
        public var ipAddress: String?
        public var tagSet: [ResourceTag]?
    }

    public struct AvailabilityZone: Decodable, Sendable, Equatable {
        public var zoneName: String
    }
}
