import ToolboxAWS

/// One client per AWS service the platform calls, sharing one signed, pooled `AWSClient`.
struct AWSServices: Sendable {
    let ecs: ECS
    let ec2: EC2
    let cloudMap: CloudMap
    let appMesh: AppMesh
    let elb: ELBv2
    let ecr: ECR
    let iam: IAM
    let logs: CloudWatchLogs
    let acm: ACM

    init(client: AWSClient) {
        ecs = ECS(client: client)
        ec2 = EC2(client: client)
        cloudMap = CloudMap(client: client)
        appMesh = AppMesh(client: client)
        elb = ELBv2(client: client)
        ecr = ECR(client: client)
        iam = IAM(client: client)
        logs = CloudWatchLogs(client: client)
        acm = ACM(client: client)
    }
}

/// Runs an AWS call whose "not found" answer means there is nothing to do (a describe that
/// finds nothing, a delete of what is already gone): nil then, the answer otherwise.
func ignoringNotFound<T>(_ call: () async throws -> T) async throws -> T? {
    do {
        return try await call()
    } catch let error as AWSError
        where error.isNotFound || error.code == "ClusterNotFoundException"
        || error.code == "ServiceNotFoundException" || error.code == "NamespaceNotFound"
        || error.code == "ServiceNotFound" || error.code == "InstanceNotFound"
    {
        return nil
    }
}
