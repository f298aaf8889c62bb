import ToolboxSigV4
import ToolboxAWS
import ToolboxCore

/// The name of everything the aws target creates for a project, and the tags that find it again.
/// Names are derived, never stored: a second run (or a run after a failure) looks each one up.
struct AWSNames: Sendable {
    let project: String
    let server: ServiceSpec
    let client: ServiceSpec

    /// Every resource carries this tag with the project's name; destroy-infra deletes what has it.
    static let projectTagKey = "toolbox-project"
    /// ECS services of a revision carry what describe() needs to rebuild the deployment.
    static let roleTagKey = "toolbox-role"
    static let revisionTagKey = "toolbox-revision"
    static let versionTagKey = "toolbox-version"
    static let commitTagKey = "toolbox-commit"
    static let createdTagKey = "toolbox-created"
    /// The cluster says which TRAFFIC_ROUTER the project was built with, so that finding out
    /// needs no call to App Mesh (discontinued) when the project uses the ALB router.
    static let routerTagKey = "toolbox-router"
    /// The Cloud Map attribute ECS sets on a task set's instances, which a revision's virtual node selects.
    static let taskSetAttribute = "ECS_TASK_SET_EXTERNAL_ID"

    var vpc: String { "\(project)-vpc" }
    func publicSubnet(_ index: Int) -> String { "\(project)-public-\(index + 1)" }
    func privateSubnet(_ index: Int) -> String { "\(project)-private-\(index + 1)" }
    var internetGateway: String { "\(project)-igw" }
    func natAddress(_ index: Int) -> String { "\(project)-nat-\(index + 1)" }
    func natGateway(_ index: Int) -> String { "\(project)-nat-\(index + 1)" }
    var publicRouteTable: String { "\(project)-public" }
    func privateRouteTable(_ index: Int) -> String { "\(project)-private-\(index + 1)" }
    var loadBalancerSecurityGroup: String { "\(project)-alb" }
    var taskSecurityGroup: String { "\(project)-tasks" }
    var bastionSecurityGroup: String { "\(project)-bastion" }
    var bastion: String { "\(project)-bastion" }

    var cluster: String { project }
    var namespace: String { "\(project).local" }
    var serverDiscovery: String { server.name }
    var clientDiscovery: String { client.name }
    /// The original's repositories (`<project>/server`, `<project>/client`), as `make push` names them.
    var serverRepository: String { "\(project)/\(server.repositoryName)" }
    var clientRepository: String { "\(project)/\(client.repositoryName)" }
    var taskRole: String { "\(project)-task-role" }
    var executionRole: String { "\(project)-execution-role" }
    var logGroup: String { "/ecs/\(project)" }

    var mesh: String { "\(project)-mesh" }
    var virtualRouter: String { "\(server.name)-router" }
    var route: String { "\(server.name)-route" }
    var virtualService: String { "\(server.name).\(namespace)" }
    var clientNode: String { client.name }
    /// A revision's virtual node and ECS service: the revision tag with App Mesh-safe characters.
    func serverNode(_ tag: String) -> String { "\(server.name)-\(Self.slug(tag))" }
    func serverService(_ tag: String) -> String { "\(server.name)-\(Self.slug(tag))" }
    var clientService: String { client.name }

    /// ALB and target group names: at most 32 letters, digits and hyphens, never cut short
    /// (cut, two names could end alike or in '-'): `validate()` refuses a project too long for them.
    var loadBalancer: String { "\(project)-public" }
    var clientTargetGroup: String { "\(project)-client" }

    /// The ALB router: an internal ALB, its HTTPS listener's port, the security groups that let
    /// only the clients reach it (and only it reach the servers), a target group per revision.
    var routerLoadBalancer: String { "\(project)-grpc" }
    static let routerListenerPort = 443
    var routerSecurityGroup: String { "\(project)-grpc-alb" }
    var clientSecurityGroup: String { "\(project)-clients" }
    var serverTargetSecurityGroup: String { "\(project)-grpc-targets" }
    /// The Cloud Map instance whose alias record points `virtualService` at the internal ALB.
    static let routerAliasInstance = "internal-alb"

    /// A revision's target group: `<project>-<tag>` in the 32 letters, digits and hyphens ALB
    /// allows; a tag too long for that (or one that would read as the clients' group) gets a
    /// digest of the project and tag instead, so names stay distinct across projects too.
    func serverTargetGroup(_ tag: String) -> String {
        let cleaned = tag.map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "-" }
        let readable = "\(project)-\(String(cleaned))"
        if readable.count <= 32, !readable.hasSuffix("-"), !readable.contains("--"), readable != clientTargetGroup {
            return readable
        }
        let digest = Digest.hex(Digest.sha256("\(project)/\(tag)")).prefix(12)
        return "\(project.prefix(19))-\(digest)"
    }

    var serverFamily: String { "\(project)-\(server.executable)" }
    var clientFamily: String { "\(project)-\(client.executable)" }

    static func slug(_ tag: String) -> String {
        String(tag.map { $0.isLetter || $0.isNumber || $0 == "-" ? $0 : "_" })
    }

    // MARK: Tags, in each service's own shape

    var projectTag: (key: String, value: String) { (Self.projectTagKey, project) }
    func ec2Tags(_ name: String) -> [EC2.Tag] {
        [.init(key: Self.projectTagKey, value: project), .init(key: "Name", value: name)]
    }
    func ec2Filters(_ name: String) -> [EC2.Filter] { [.tag(Self.projectTagKey, project), .tag("Name", name)] }
    /// Checked on our side too: the emulator ignores some tag filters (NAT gateways).
    func isNamed(_ tags: [EC2.ResourceTag]?, _ name: String) -> Bool {
        let tags = tags ?? []
        return tags.contains { $0.key == "Name" && $0.value == name }
            && tags.contains { $0.key == Self.projectTagKey && $0.value == project }
    }
    var ecsTags: [ECS.Tag] { [.init(key: Self.projectTagKey, value: project)] }
    var cloudMapTags: [CloudMap.Tag] { [.init(key: Self.projectTagKey, value: project)] }
    var ecrTags: [ECR.Tag] { [.init(key: Self.projectTagKey, value: project)] }
    var iamTags: [IAM.Tag] { [.init(key: Self.projectTagKey, value: project)] }
    var logTags: [String: String] { [Self.projectTagKey: project] }
    var meshTags: [AppMesh.Tag] { [.init(key: Self.projectTagKey, value: project)] }
    var elbTags: [ELBv2.Tag] { [.init(key: Self.projectTagKey, value: project)] }
}
