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
    /// The routed gRPC service and the HTTP front that calls it (settings.services).
    let serverSpec: ServiceSpec
    let clientSpec: ServiceSpec

    public var gatePollInterval: Duration { .milliseconds(Int64(context.pollInterval * 1000)) }

    public init(settings: ToolboxSettings) throws(ToolboxError) {
        let awsSettings = try settings.awsSettings()
        let client: AWSClient
        do {
            client = try AWSClient.fromEnvironment(settings.values)
        } catch {
            throw .refused("\(error)")
        }
        (serverSpec, clientSpec) = (settings.services.server, settings.services.client)
        let names = AWSNames(project: settings.projectName, server: serverSpec, client: clientSpec)
        try names.validate()
        let context = AWSContext(settings: settings, awsSettings: awsSettings, client: client, names: names)
        self.context = context
        router = Self.router(awsSettings.trafficRouter, context: context, server: serverSpec, client: clientSpec)
        if let warning = awsSettings.discontinuedRouterWarning { Console.warn(warning) }
    }

    static func router(_ kind: TrafficRouterKind, context: AWSContext, server: ServiceSpec, client: ServiceSpec) -> any TrafficRouter {
        switch kind {
        case .appmesh:
            return AppMeshRouter(context: context, server: server, client: client)
        case .alb:
            return ALBRouter(
                context: context,
                server: server,
                client: client,
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

    func makeRouter(_ kind: TrafficRouterKind) -> any TrafficRouter {
        Self.router(kind, context: context, server: serverSpec, client: clientSpec)
    }

    var settings: ToolboxSettings { context.settings }
    var awsSettings: AWSSettings { context.awsSettings }
    var aws: AWSServices { context.aws }
    var names: AWSNames { context.names }
    var project: String { context.project }

}
