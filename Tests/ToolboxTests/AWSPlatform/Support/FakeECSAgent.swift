import Foundation
import Toolbox

/// What ECS does for task sets and moto does not: starts each task set's tasks (RunTask with the
/// task set's id as startedBy), registers them in the task set's Cloud Map service with its
/// external id and reports them HEALTHY, and registers their addresses with the task set's
/// target groups (the ALB router; moto then reports them healthy); stops the tasks of a task set
/// scaled to zero and deregisters them from both. Runs until cancelled.
struct FakeECSAgent: Sendable {
    let endpoint: String
    let cluster: String
    let tasksPerSet: Int
    /// What the new tasks report to Cloud Map: HEALTHY, or UNHEALTHY to rehearse a bad version.
    var health = "HEALTHY"

    func run() async {
        try? await holdTasksInPlace()
        while !Task.isCancelled {
            try? await step()
            try? await Task.sleep(for: .milliseconds(100))
        }
    }

    func step() async throws {
        let client = AWSTestSettings.client(endpoint)
        let ecs = ECS(client: client)
        let cloudMap = CloudMap(client: client)
        let elb = ELBv2(client: client)
        let arns = try await ecs.listServices(cluster: cluster)
        guard !arns.isEmpty else { return }
        for start in stride(from: 0, to: arns.count, by: 10) {
            // With tags, as the toolbox asks: moto keeps the "include tags" switch in one dict shared
            // by all requests, so an agent asking without it could strip the toolbox's tags mid-test.
            let services = try await ecs.describeServices(
                cluster: cluster,
                services: Array(arns[start..<min(start + 10, arns.count)]),
                includeTags: true
            ).services
            for service in services where service.status == "ACTIVE" {
                try await startServiceTasks(service, ecs)
                for taskSet in service.taskSets ?? [] {
                    guard let id = taskSet.id, let definition = taskSet.taskDefinition else { continue }
                    let arns = try await ecs.listTasks(.init(cluster: cluster, startedBy: id, desiredStatus: "RUNNING"))
                        .taskArns
                    let registry = try await discoveryServiceID(taskSet, cloudMap)
                    if (taskSet.scale?.value ?? 100) == 0 {
                        if !arns.isEmpty {
                            let stopping = try await ecs.describeTasks(cluster: cluster, tasks: arns).tasks
                            try await targets(stopping, of: taskSet, elb, register: false)
                        }
                        for arn in arns {
                            try await ecs.stopTask(cluster: cluster, task: arn, reason: "task set scaled to 0")
                            if let registry {
                                _ = try? await cloudMap.deregisterInstance(
                                    serviceId: registry,
                                    instanceId: Self.shortID(arn)
                                )
                            }
                        }
                    } else if arns.isEmpty {
                        let started = try await ecs.runTask(
                            .init(
                                cluster: cluster,
                                taskDefinition: definition,
                                count: tasksPerSet,
                                startedBy: id,
                                group: "service:\(service.serviceName)",
                                networkConfiguration: taskSet.networkConfiguration
                            )
                        )
                        try await targets(started.tasks, of: taskSet, elb, register: true)
                        guard let registry else { continue }
                        for (index, task) in started.tasks.enumerated() {
                            let instance = Self.shortID(task.taskArn)
                            _ = try await cloudMap.registerInstance(
                                serviceId: registry,
                                instanceId: instance,
                                attributes: [
                                    "AWS_INSTANCE_IPV4": "10.0.2.\(10 + index)",
                                    "ECS_TASK_SET_EXTERNAL_ID": taskSet.externalId ?? "",
                                ]
                            )
                            try await cloudMap.updateInstanceCustomHealthStatus(
                                serviceId: registry,
                                instanceId: instance,
                                status: health
                            )
                        }
                    }
                }
            }
        }
    }

    /// What ECS does for a task set with load balancers: its tasks' addresses in each target group.
    private func targets(_ tasks: [ECS.Task], of taskSet: ECS.TaskSet, _ elb: ELBv2, register: Bool) async throws {
        let addresses = tasks.compactMap(Self.address)
        guard !addresses.isEmpty else { return }
        for balancer in taskSet.loadBalancers ?? [] {
            let targets = addresses.map { ELBv2.TargetDescription(id: $0, port: balancer.containerPort) }
            if register {
                try await elb.registerTargets(targetGroupArn: balancer.targetGroupArn, targets: targets)
            } else {
                try? await elb.deregisterTargets(targetGroupArn: balancer.targetGroupArn, targets: targets)
            }
        }
    }

    /// The task's private address, as moto gives its network interface.
    static func address(_ task: ECS.Task) -> String? {
        task.attachments?.flatMap { $0.details ?? [] }.first { $0.name == "privateIPv4Address" }?.value
    }

    /// A service with ECS's own deployment controller (the clients): its desired count of tasks.
    private func startServiceTasks(_ service: ECS.Service, _ ecs: ECS) async throws {
        guard service.deploymentController?.type != "EXTERNAL", let definition = service.taskDefinition,
            let wanted = service.desiredCount, wanted > 0
        else { return }
        let startedBy = "ecs-svc/\(service.serviceName)"
        let running = try await ecs.listTasks(.init(cluster: cluster, startedBy: startedBy, desiredStatus: "RUNNING"))
        guard running.taskArns.isEmpty else { return }
        _ = try await ecs.runTask(
            .init(
                cluster: cluster,
                taskDefinition: definition,
                count: wanted,
                startedBy: startedBy,
                group: "service:\(service.serviceName)",
                networkConfiguration: service.networkConfiguration
            )
        )
    }

    /// moto moves a task one state further at each DescribeTasks (RUNNING on to STOPPED); an ECS
    /// task stays RUNNING until stopped, so its automatic progression is switched off.
    func holdTasksInPlace() async throws {
        let body = #"{"model_name": "ecs::task", "transition": {"progression": "manual", "times": 1000000}}"#
        let request = HTTPRequest(
            method: "POST",
            url: endpoint + "/moto-api/state-manager/set-transition",
            headers: [(name: "Content-Type", value: "application/json")],
            body: Array(body.utf8)
        )
        let answer = try await CurlTransport().send(request)
        guard (200..<300).contains(answer.status) else {
            throw ProjectFailure("moto refused the task transition: \(answer.status)")
        }
    }

    private func discoveryServiceID(_ taskSet: ECS.TaskSet, _ cloudMap: CloudMap) async throws -> String? {
        guard let arn = taskSet.serviceRegistries?.first?.registryArn else { return nil }
        return String(arn.split(separator: "/").last ?? "")
    }

    static func shortID(_ arn: String) -> String { String(arn.split(separator: "/").last ?? Substring(arn)) }
}
