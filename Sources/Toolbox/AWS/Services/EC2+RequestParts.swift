/// How the toolbox builds the request parts shared by many EC2 calls (the shapes themselves are
/// generated from EC2's model: Generated/EC2Shapes.swift).
extension EC2.Filter {
    public init(name: String, values: [String]) { (Name, Value) = (name, values) }

    /// Resources tagged `key` = `value`.
    public static func tag(_ key: String, _ value: String) -> EC2.Filter { EC2.Filter(name: "tag:\(key)", values: [value]) }
}

extension EC2.TagSpecification {
    /// Nothing to send when there are no tags.
    static func list(_ resourceType: String, _ tags: [EC2.Tag]) -> [EC2.TagSpecification]? {
        tags.isEmpty ? nil : [EC2.TagSpecification(ResourceType: resourceType, Tag: tags)]
    }
}

extension EC2.IpPermission {
    /// TCP from `fromPort` to `toPort`, from CIDR ranges and from other security groups.
    public init(
        ipProtocol: String = "tcp", fromPort: Int?, toPort: Int?, cidrs: [String] = [], sourceGroupIds: [String] = []
    ) {
        IpProtocol = ipProtocol
        FromPort = fromPort
        ToPort = toPort
        IpRanges = cidrs.isEmpty ? nil : cidrs.map { EC2.IpRange(CidrIp: $0) }
        Groups = sourceGroupIds.isEmpty ? nil : sourceGroupIds.map { EC2.GroupPair(GroupId: $0) }
    }
}
