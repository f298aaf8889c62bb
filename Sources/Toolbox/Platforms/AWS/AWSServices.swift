import ToolboxAWS

/// The AWS services the platform calls, each a thin view of one signed, pooled `AWSClient`.
struct AWSServices: Sendable {
    let client: AWSClient

    var ecs: ECS { ECS(client: client) }
    var ec2: EC2 { EC2(client: client) }
    var cloudMap: CloudMap { CloudMap(client: client) }
    var appMesh: AppMesh { AppMesh(client: client) }
    var elb: ELBv2 { ELBv2(client: client) }
    var cloudWatch: CloudWatch { CloudWatch(client: client) }
    var ecr: ECR { ECR(client: client) }
    var iam: IAM { IAM(client: client) }
    var logs: CloudWatchLogs { CloudWatchLogs(client: client) }
    var acm: ACM { ACM(client: client) }
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
