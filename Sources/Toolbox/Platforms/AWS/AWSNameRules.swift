import Foundation
import ToolboxAWS
import ToolboxCore

/// One of AWS's documented rules for a resource name: its longest length and the characters
/// (a whole-name pattern) it allows. The emulator's contract layer checks the same rules from
/// its own table (scripts/emulator/contract/names.py); docs/aws-platform.md lists the sources.
struct AWSNameRule: Sendable {
    let resource: String
    let maxLength: Int
    let pattern: String
    let says: String

    func problem(with name: String) -> String? {
        if name.isEmpty || name.count > maxLength {
            return "\(name.count) characters, \(resource) names take 1-\(maxLength)"
        }
        guard name.range(of: pattern, options: .regularExpression) != nil else {
            return "\(resource) names take \(says)"
        }
        return nil
    }
}

enum AWSNameRules {
    /// ELB CreateLoadBalancer and CreateTargetGroup: 32 letters, digits or hyphens, not starting
    /// or ending with a hyphen; a load balancer's may not start with "internal-".
    static let loadBalancer = AWSNameRule(
        resource: "load balancer", maxLength: 32, pattern: "^(?!internal-)[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?$",
        says: "letters, digits and inner '-', not starting with 'internal-'")
    static let targetGroup = AWSNameRule(
        resource: "target group", maxLength: 32, pattern: "^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?$",
        says: "letters, digits and inner '-'")
    /// IAM CreateRole: 64 of letters, digits and +=,.@_-.
    static let role = AWSNameRule(
        resource: "IAM role", maxLength: 64, pattern: "^[A-Za-z0-9+=,.@_-]+$", says: "letters, digits and +=,.@_-")
    /// CloudWatch Logs CreateLogGroup: 512 of letters, digits and ._-/#.
    static let logGroup = AWSNameRule(
        resource: "log group", maxLength: 512, pattern: "^[A-Za-z0-9._/#-]+$", says: "letters, digits and ._-/#")
    /// ECR CreateRepository: 2-256, lowercase path components joined by single separators.
    static let repository = AWSNameRule(
        resource: "ECR repository", maxLength: 256,
        pattern: "^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$",
        says: "lowercase components with single '.', '_' or '-' between letters or digits")
    /// ECS CreateCluster, CreateService, RegisterTaskDefinition (family, container names).
    static let ecs = AWSNameRule(
        resource: "ECS", maxLength: 255, pattern: "^[A-Za-z0-9_-]+$", says: "letters, digits, '_' and '-'")
    /// EC2 CreateSecurityGroup: 255, not starting with "sg-".
    static let securityGroup = AWSNameRule(
        resource: "security group", maxLength: 255, pattern: "^(?!sg-)[A-Za-z0-9 ._:/()#,@\\[\\]+=&;{}!$*-]+$",
        says: "letters, digits and ._-:/()#,@[]+=&;{}!$*, not starting with 'sg-'")
    /// Cloud Map CreatePrivateDnsNamespace: a DNS name, labels of 1-63 letters, digits or inner hyphens.
    static let dnsNamespace = AWSNameRule(
        resource: "Cloud Map namespace", maxLength: 253,
        pattern: "^([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)*[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$",
        says: "DNS labels of 1-63 letters, digits or inner '-'")
    /// App Mesh CreateMesh and the other App Mesh names: 1-255.
    static let appMesh = AWSNameRule(resource: "App Mesh", maxLength: 255, pattern: "^[^/]+$", says: "no '/'")
}

extension AWSNames {
    /// Every name derived from the project alone, with the rule AWS applies to it.
    var projectDerived: [(name: String, rule: AWSNameRule)] {
        [
            (loadBalancer, AWSNameRules.loadBalancer), (routerLoadBalancer, AWSNameRules.loadBalancer),
            (clientTargetGroup, AWSNameRules.targetGroup), (taskRole, AWSNameRules.role),
            (executionRole, AWSNameRules.role), (logGroup, AWSNameRules.logGroup),
            (serverRepository, AWSNameRules.repository), (clientRepository, AWSNameRules.repository),
            (cluster, AWSNameRules.ecs), (serverFamily, AWSNameRules.ecs), (clientFamily, AWSNameRules.ecs),
            (loadBalancerSecurityGroup, AWSNameRules.securityGroup), (taskSecurityGroup, AWSNameRules.securityGroup),
            (bastionSecurityGroup, AWSNameRules.securityGroup), (routerSecurityGroup, AWSNameRules.securityGroup),
            (clientSecurityGroup, AWSNameRules.securityGroup), (serverTargetSecurityGroup, AWSNameRules.securityGroup),
            (namespace, AWSNameRules.dnsNamespace), (virtualService, AWSNameRules.appMesh),
            (mesh, AWSNameRules.appMesh),
        ]
    }

    /// Refuses, in one line and before any call, a project whose names AWS would refuse.
    func validate() throws(ToolboxError) {
        for (name, rule) in projectDerived {
            if let problem = rule.problem(with: name) {
                throw .refused(
                    "PROJECT_NAME '\(project)' makes the \(rule.resource) name '\(name)' (\(problem)); "
                        + "choose a name of at most \(Self.longestProject) lowercase letters, digits or inner '-'"
                )
            }
        }
    }

    /// The longest project name whose every derived name fits: "<project>-public" in ELB's 32.
    static let longestProject = 32 - "-public".count
}
