/// A resource tag as ACM, Cloud Map, ECR, ELBv2, IAM and EC2's requests spell it (`Key`, `Value`);
/// each service names it `Tag` (`ECR.Tag`, ...).
public struct AWSTag: Codable, Sendable, Equatable {
    public var Key: String
    /// Optional only in answers: ACM and ELBv2 may list a tag without a value.
    public var Value: String?
    public init(key: String, value: String) { (Key, Value) = (key, value) }
}

/// A resource tag as ECS and App Mesh spell it (`key`, `value`): `ECS.Tag`, `AppMesh.Tag`.
public struct AWSLowercaseTag: Codable, Sendable, Equatable {
    public var key: String
    public var value: String
    public init(key: String, value: String) { (self.key, self.value) = (key, value) }
}
