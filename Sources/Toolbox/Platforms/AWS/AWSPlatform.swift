import Foundation
import ToolboxAWS
import ToolboxCore

/// The aws target: ECS on Fargate with task sets, Cloud Map, a traffic router (an internal ALB by
/// default, or App Mesh: see `TrafficRouter`), a public ALB in front of the clients. Everything lives in AWS, tagged
/// with the project: describe() rebuilds the deployment from AWS itself, so any checkout (or a
/// run after a failure) sees the same state. The infrastructure is a list of stacks
/// (`AWSPlatform+Infra.swift`); one `AWSContext` per command holds the clients and what the
/// command found.
public final class AWSPlatform: Platform {
    let context: AWSContext
    let router: any TrafficRouter
    let serverSpec = ServiceSpec.echoServer
    let clientSpec = ServiceSpec.echoClient

    public var gatePollInterval: Duration { .milliseconds(Int64(context.pollInterval * 1000)) }

    public init(settings: ToolboxSettings) throws(ToolboxError) {
        let awsSettings = try AWSSettings(settings.values)
        let client: AWSClient
        do {
            client = try AWSClient.fromEnvironment(settings.values)
        } catch {
            throw .refused("\(error)")
        }
        let names = AWSNames(project: settings.projectName, server: .echoServer, client: .echoClient)
        try names.validate()
        let context = AWSContext(settings: settings, awsSettings: awsSettings, client: client, names: names)
        self.context = context
        router = Self.router(awsSettings.trafficRouter, context: context)
        if let warning = awsSettings.discontinuedRouterWarning { Console.warn(warning) }
    }

    static func router(_ kind: TrafficRouterKind, context: AWSContext) -> any TrafficRouter {
        switch kind {
        case .appmesh:
            return AppMeshRouter(context: context, server: .echoServer, client: .echoClient)
        case .alb:
            return ALBRouter(
                context: context,
                server: .echoServer,
                client: .echoClient,
                certificates: RouterCertificates(
                    stateDirectory: context.settings.stateDirectory,
                    serverName: context.names.virtualService,
                    project: context.project
                ),
                deregistrationDelay: ALBRouter.deregistrationDelay(
                    drainTimeout: context.awsSettings.drainTimeoutSeconds
                )
            )
        }
    }

    func makeRouter(_ kind: TrafficRouterKind) -> any TrafficRouter { Self.router(kind, context: context) }

    var settings: ToolboxSettings { context.settings }
    var awsSettings: AWSSettings { context.awsSettings }
    var aws: AWSServices { context.aws }
    var names: AWSNames { context.names }
    var project: String { context.project }

    public func requestCounts() async throws -> [String: RequestCounts]? {
        // Neither App Mesh on the emulator nor ECS exposes per-revision call counts.
        nil
    }
}
