import ToolboxAWS
import ToolboxCore

/// The ALB router's stack: who may reach whom, the certificate, the internal ALB and its HTTPS
/// listener, the name that points the clients at it; destroyed with every revision's target group.
extension ALBRouter {
    func ensure(_ changes: InfraChanges, _ build: inout InfraBuild) async throws {
        let network = try InfraBuild.required(build.network, "the network")
        let groups = try await ensureSecurityGroups(changes, network: network)
        let certificate = try await ensureCertificate(changes)
        let elb = aws.elb
        let balancer = try await LoadBalancers(context: context).ensure(
            changes,
            "internal load balancer \(names.routerLoadBalancer) (gRPC router, private subnets)",
            name: names.routerLoadBalancer,
            subnets: network.privateSubnets,
            securityGroup: groups.router,
            scheme: "internal"
        ) {
            try await loadBalancer()?.LoadBalancerArn
        }
        try await changes.converge(
            "listener HTTPS \(AWSNames.routerListenerPort) on \(names.routerLoadBalancer) (certificate for \(names.virtualService))",
            after: [balancer, certificate]
        ) {
            try await listener() != nil
        } apply: {
            _ = try await elb.createListener(
                loadBalancerArn: balancer,
                protocol: "HTTPS",
                port: AWSNames.routerListenerPort,
                defaultActions: [Self.noRoute],
                certificates: [.init(certificateArn: certificate)],
                tags: names.elbTags
            )
        }
        try await ensureAliasRecord(changes, balancer: balancer)
    }

    /// Until a revision is routed, the listener answers by itself.
    static let noRoute = ELBv2.Action.fixedResponse(status: 503, message: "no revision is routed yet")

    /// Clients (8080 from the public ALB) → the router (443 from the clients only) → the servers
    /// (the gRPC port from the router only).
    private func ensureSecurityGroups(_ changes: InfraChanges, network: NetworkIDs) async throws
        -> (clients: String, router: String, targets: String)
    {
        let clients = try await securityGroups.ensure(
            changes,
            names.clientSecurityGroup,
            vpc: network.vpc,
            purpose: "client tasks: HTTP from the public load balancer"
        ) { _ in
            [
                EC2.IpPermission(
                    fromPort: client.port,
                    toPort: client.port,
                    sourceGroupIds: [network.loadBalancerSecurityGroup]
                )
            ]
        }
        let router = try await securityGroups.ensure(
            changes,
            names.routerSecurityGroup,
            vpc: network.vpc,
            purpose: "internal gRPC load balancer: HTTPS from the client tasks only"
        ) { _ in
            [
                EC2.IpPermission(
                    fromPort: AWSNames.routerListenerPort,
                    toPort: AWSNames.routerListenerPort,
                    sourceGroupIds: [clients]
                )
            ]
        }
        let targets = try await securityGroups.ensure(
            changes,
            names.serverTargetSecurityGroup,
            vpc: network.vpc,
            purpose: "server tasks: gRPC from the internal load balancer"
        ) { _ in
            [EC2.IpPermission(fromPort: server.port, toPort: server.port, sourceGroupIds: [router])]
        }
        return (clients, router, targets)
    }

    /// `<server>.<project>.local` → the ALB: a Cloud Map alias instance (a Route 53 alias
    /// record in the namespace's private zone).
    private func ensureAliasRecord(_ changes: InfraChanges, balancer: String) async throws {
        let cloudMap = aws.cloudMap
        let service = try await cloudMap.serviceID(named: names.serverDiscovery, inNamespaceNamed: names.namespace)
        try await changes.converge(
            "name \(names.virtualService) pointing at \(names.routerLoadBalancer)",
            after: [balancer, service ?? InfraChanges.placeholder("Cloud Map service")]
        ) {
            guard let service else { return false }
            return try await cloudMap.listInstances(serviceId: service).contains {
                $0.Id == AWSNames.routerAliasInstance
            }
        } apply: {
            guard let service, let dnsName = try await loadBalancer()?.DNSName else {
                throw ToolboxError("the internal load balancer or the Cloud Map service \(names.serverDiscovery) is missing")
            }
            _ = try await cloudMap.registerInstance(
                serviceId: service,
                instanceId: AWSNames.routerAliasInstance,
                attributes: ["AWS_ALIAS_DNS_NAME": dnsName]
            )
        }
    }

    /// The internal load balancer, nil before build-infra made it.
    func find() async throws -> ELBv2.LoadBalancer? { try await loadBalancer() }

    /// Listener, load balancer, every revision's target group, the certificate. Its security
    /// groups go with the network's (they are tagged like it), once the ALB's interfaces are gone.
    func destroy(_ changes: InfraChanges) async throws {
        let elb = aws.elb
        let what = "internal load balancer \(names.routerLoadBalancer) and its listener"
        try await LoadBalancers(context: context).remove(changes, what, name: names.routerLoadBalancer, wait: false)
        for group in try await revisionTargetGroups() {
            try await changes.remove("target group \(group.TargetGroupName ?? group.TargetGroupArn)", exists: true) {
                _ = try await ignoringNotFound { try await elb.deleteTargetGroup(arn: group.TargetGroupArn) }
            }
        }
        try await removeCertificates(changes)
    }

    /// The project's revision target groups, by their tags (DescribeTags takes 20 ARNs at a time).
    func revisionTargetGroups() async throws -> [ELBv2.TargetGroup] {
        let all = try await aws.elb.describeTargetGroups()
        var tagged: [ELBv2.TargetGroup] = []
        for start in stride(from: 0, to: all.count, by: 20) {
            let chunk = Array(all[start..<min(start + 20, all.count)])
            let tags = try await aws.elb.describeTags(resourceArns: chunk.map(\.TargetGroupArn))
            let ours = Set(
                tags.filter { description in
                    let tags = description.Tags ?? []
                    return tags.contains { $0.Key == AWSNames.projectTagKey && $0.Value == names.project }
                        && tags.contains { $0.Key == AWSNames.roleTagKey && $0.Value == "server" }
                }.map(\.ResourceArn)
            )
            tagged += chunk.filter { ours.contains($0.TargetGroupArn) }
        }
        return tagged
    }
}
