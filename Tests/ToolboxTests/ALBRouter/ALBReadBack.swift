import Foundation
import Testing

/// What the ALB router left in the emulator, read with the AWS CLI (the independent reader).
struct ALBReadBack {
    let endpoint: String

    private func call(_ arguments: [String]) throws -> [String: Any] {
        try awsCLI(endpoint, arguments) as? [String: Any] ?? [:]
    }

    func loadBalancers() throws -> [[String: Any]] {
        try call(["elbv2", "describe-load-balancers"])["LoadBalancers"] as? [[String: Any]] ?? []
    }

    func loadBalancer() throws -> [String: Any] {
        try #require(try loadBalancers().first { $0["LoadBalancerName"] as? String == "demo-grpc" })
    }

    func listener() throws -> [String: Any] {
        let arn = try loadBalancer()["LoadBalancerArn"] as? String ?? ""
        let listeners = try call(["elbv2", "describe-listeners", "--load-balancer-arn", arn])["Listeners"] as? [[String: Any]]
        return try #require(listeners?.first)
    }

    /// The listener's forward action, by target group name, as `aws elbv2 describe-listeners` shows it.
    func forwardWeights() throws -> [String: Int] {
        let actions = try listener()["DefaultActions"] as? [[String: Any]] ?? []
        let forward = actions.first { $0["Type"] as? String == "forward" }
        let groups = (forward?["ForwardConfig"] as? [String: Any])?["TargetGroups"] as? [[String: Any]] ?? []
        return Dictionary(
            uniqueKeysWithValues: groups.map {
                (String(($0["TargetGroupArn"] as? String ?? "").split(separator: "/").dropLast().last ?? ""), $0["Weight"] as? Int ?? -1)
            }
        )
    }

    /// The revisions' target groups (the public ALB's client group left out).
    func targetGroups() throws -> [[String: Any]] {
        (try call(["elbv2", "describe-target-groups"])["TargetGroups"] as? [[String: Any]] ?? []).filter {
            $0["TargetGroupName"] as? String != "demo-client"
        }
    }

    func deregistrationDelay(of arn: String) throws -> String? {
        let attributes = try call(["elbv2", "describe-target-group-attributes", "--target-group-arn", arn])["Attributes"]
        return (attributes as? [[String: Any]] ?? []).first { $0["Key"] as? String == "deregistration_delay.timeout_seconds" }?["Value"] as? String
    }

    func meshes() throws -> [Any] {
        try call(["appmesh", "list-meshes"])["meshes"] as? [Any] ?? []
    }

    func subnetIDs(named names: [String]) throws -> [String] {
        let subnets = try call(["ec2", "describe-subnets", "--filters", "Name=tag:Name,Values=\(names.joined(separator: ","))"])
        return (subnets["Subnets"] as? [[String: Any]] ?? []).compactMap { $0["SubnetId"] as? String }
    }

    /// Each tagged group by name: its id, the ports it admits and the groups it admits them from.
    func securityGroups() throws -> [String: (id: String, ports: [Int], sources: [String])] {
        let answer = try call(["ec2", "describe-security-groups", "--filters", "Name=tag:toolbox-project,Values=demo"])
        var groups: [String: (id: String, ports: [Int], sources: [String])] = [:]
        for group in answer["SecurityGroups"] as? [[String: Any]] ?? [] {
            let rules = group["IpPermissions"] as? [[String: Any]] ?? []
            groups[group["GroupName"] as? String ?? ""] = (
                group["GroupId"] as? String ?? "",
                rules.compactMap { $0["FromPort"] as? Int },
                rules.flatMap { ($0["UserIdGroupPairs"] as? [[String: Any]] ?? []).compactMap { $0["GroupId"] as? String } }
            )
        }
        return groups
    }

    /// The Cloud Map alias record of echo_server.demo.local: the DNS name it points at.
    func aliasTarget() throws -> String? {
        let namespaces = try call(["servicediscovery", "list-namespaces"])["Namespaces"] as? [[String: Any]] ?? []
        let namespace = try #require(namespaces.first { $0["Name"] as? String == "demo.local" }?["Id"] as? String)
        let services =
            try call(["servicediscovery", "list-services", "--filters", "Name=NAMESPACE_ID,Values=\(namespace),Condition=EQ"])["Services"]
            as? [[String: Any]] ?? []
        let service = try #require(services.first { $0["Name"] as? String == "echo_server" }?["Id"] as? String)
        let instances = try call(["servicediscovery", "list-instances", "--service-id", service])["Instances"] as? [[String: Any]] ?? []
        #expect(instances.count == 1, "only the alias: the server tasks register nowhere in Cloud Map")
        return (instances.first { $0["Id"] as? String == "internal-alb" }?["Attributes"] as? [String: Any])?["AWS_ALIAS_DNS_NAME"] as? String
    }

    func certificate(_ arn: String) throws -> (certificate: String, chain: String) {
        let answer = try call(["acm", "get-certificate", "--certificate-arn", arn])
        return (answer["Certificate"] as? String ?? "", answer["CertificateChain"] as? String ?? "")
    }

    /// The family's newest ACTIVE task definition: its containers, environment of the first, proxy.
    func taskDefinition(family: String) throws -> (containers: [String], environment: [String: String], hasProxyConfiguration: Bool) {
        let answer = try call(["ecs", "describe-task-definition", "--task-definition", family])
        let definition = answer["taskDefinition"] as? [String: Any] ?? [:]
        let containers = definition["containerDefinitions"] as? [[String: Any]] ?? []
        let environment = (containers.first?["environment"] as? [[String: Any]] ?? []).reduce(into: [String: String]()) {
            $0[$1["name"] as? String ?? ""] = $1["value"] as? String
        }
        return (containers.compactMap { $0["name"] as? String }, environment, definition["proxyConfiguration"] != nil)
    }

    /// destroy-infra left nothing: per service, as a user would check with the CLI.
    func expectNothingTagged() throws {
        let tagged = "Name=tag:toolbox-project,Values=demo"
        for (command, key) in [
            ("describe-vpcs", "Vpcs"), ("describe-subnets", "Subnets"), ("describe-security-groups", "SecurityGroups"),
            ("describe-route-tables", "RouteTables"), ("describe-internet-gateways", "InternetGateways"),
            ("describe-addresses", "Addresses"),
        ] {
            #expect((try call(["ec2", command, "--filters", tagged])[key] as? [Any] ?? []).isEmpty, "\(command) still lists tagged resources")
        }
        let nats = (try call(["ec2", "describe-nat-gateways"])["NatGateways"] as? [[String: Any]] ?? []).filter {
            $0["State"] as? String != "deleted"
        }
        #expect(nats.isEmpty)
        #expect(try loadBalancers().isEmpty, "no load balancer left")
        #expect((try call(["elbv2", "describe-target-groups"])["TargetGroups"] as? [Any] ?? []).isEmpty, "no target group left")
        #expect((try call(["acm", "list-certificates"])["CertificateSummaryList"] as? [Any] ?? []).isEmpty, "no certificate left")
        #expect((try call(["servicediscovery", "list-namespaces"])["Namespaces"] as? [Any] ?? []).isEmpty)
        let clusters = try call(["ecs", "describe-clusters", "--clusters", "demo"])["clusters"] as? [[String: Any]] ?? []
        #expect(clusters.allSatisfy { $0["status"] as? String != "ACTIVE" })
        #expect((try call(["ecr", "describe-repositories"])["repositories"] as? [Any] ?? []).isEmpty)
        let roles = try call(["iam", "list-roles"])["Roles"] as? [[String: Any]] ?? []
        #expect(!roles.contains { ($0["RoleName"] as? String)?.hasPrefix("demo-") == true })
        let logs = try call(["logs", "describe-log-groups", "--log-group-name-prefix", "/ecs/demo"])["logGroups"] as? [Any] ?? []
        #expect(logs.isEmpty)
        #expect(try meshes().isEmpty)
    }
}
