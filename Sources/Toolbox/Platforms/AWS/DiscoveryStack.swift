import ToolboxAWS
import ToolboxCore

/// Cloud Map in the VPC: the private DNS namespace `<project>.local` and a discovery service per
/// ECS service (the routed one answered by its tasks, or by the router's alias record).
struct DiscoveryStack: InfraStack {
    let context: AWSContext
    let router: any TrafficRouter

    private var cloudMap: CloudMap { context.aws.cloudMap }
    private var names: AWSNames { context.names }

    func ensure(_ changes: InfraChanges, _ build: inout InfraBuild) async throws {
        let vpc = try InfraBuild.required(build.network, "the network").vpc
        let namespace = try await changes.ensure("Cloud Map namespace \(names.namespace)", after: [vpc]) {
            try await cloudMap.namespaceID(named: names.namespace)
        } create: {
            let started = try await cloudMap.createPrivateDnsNamespace(
                .init(name: names.namespace, vpc: vpc, tags: names.cloudMapTags)
            )
            var namespaceID: String?
            try await waitFor(started.OperationId, "create") { namespaceID = $0.Targets?["NAMESPACE"] }
            guard let namespaceID else {
                throw ToolboxError("Cloud Map created \(names.namespace) but named no namespace id")
            }
            return namespaceID
        }
        var arns: [String] = []
        for name in [names.serverDiscovery, names.clientDiscovery] {
            let id = try await changes.ensure("Cloud Map service \(name).\(names.namespace)", after: [namespace]) {
                try await cloudMap.listServices(namespaceId: namespace).first { $0.Name == name }?.Id
            } create: {
                try await cloudMap.createService(discoveryService(name, namespace: namespace)).Id
            }
            arns.append(InfraChanges.isPlaceholder(id) ? id : (try await cloudMap.getService(id: id).Arn ?? id))
        }
        build.discovery = InfraBuild.Discovery(server: arns[0], client: arns[1])
    }

    /// A task's A record with custom health (ECS reports it), or for the routed service under
    /// an ALB router one weighted alias record to the load balancer (Cloud Map requires WEIGHTED
    /// and no custom health check for an alias).
    private func discoveryService(_ name: String, namespace: String) -> CloudMap.CreateServiceInput {
        guard name == names.serverDiscovery, router.discovery == .aliasToRouter else {
            return .init(name: name, namespaceId: namespace, tags: names.cloudMapTags)
        }
        return .init(
            name: name,
            namespaceId: namespace,
            dnsConfig: .init(routingPolicy: "WEIGHTED", dnsRecords: [.init(type: "A", ttl: 60)]),
            healthCheckCustomConfig: nil,
            tags: names.cloudMapTags
        )
    }

    /// The namespace's id, nil when there is none.
    func find() async throws -> String? {
        try await cloudMap.namespaceID(named: names.namespace)
    }

    func destroy(_ changes: InfraChanges) async throws {
        guard let namespace = try await find() else { return }
        for service in try await cloudMap.listServices(namespaceId: namespace) {
            try await changes.remove(
                "Cloud Map service \(service.Name).\(names.namespace) and its instances",
                exists: true
            ) {
                for instance in try await cloudMap.listInstances(serviceId: service.Id) {
                    _ = try await ignoringNotFound {
                        try await cloudMap.deregisterInstance(serviceId: service.Id, instanceId: instance.Id)
                    }
                }
                try await context.whenFree("Cloud Map service \(service.Name)") {
                    _ = try await ignoringNotFound { try await cloudMap.deleteService(id: service.Id) }
                }
            }
        }
        try await changes.remove("Cloud Map namespace \(names.namespace)", exists: true) {
            guard let started = try await ignoringNotFound({ try await cloudMap.deleteNamespace(id: namespace) })
            else { return }
            try await waitFor(started.OperationId, "delete")
        }
    }

    /// Waits for a namespace operation to succeed (`done` sees it then), failing with Cloud Map's reason.
    private func waitFor(
        _ operationID: String,
        _ verb: String,
        done: (CloudMap.Operation) -> Void = { _ in }
    ) async throws {
        let what = "Cloud Map namespace \(names.namespace)\(verb == "delete" ? " to be deleted" : "")"
        try await context.poll(what, timeout: 300) {
            let operation = try await cloudMap.getOperation(operationId: operationID)
            if operation.Status == "FAIL" {
                throw ToolboxError(
                    "Cloud Map could not \(verb) \(names.namespace): \(operation.ErrorMessage ?? "no reason given")"
                )
            }
            guard operation.Status == "SUCCESS" else { return operation.Status }
            done(operation)
            return nil
        }
    }
}
