
/// Shapes of the Elastic Load Balancing v2 API (PascalCase, as in its reference), used by `ELBv2`.
extension ELBv2 {
    public typealias Tag = AWSTag


    public struct LoadBalancer: Decodable, Sendable, Equatable {
        public var LoadBalancerArn: String
        public var DNSName: String?
        public var Scheme: String?
        public var VpcId: String?
    }

    /// What counts as healthy: `GrpcCode` "0" for gRPC target groups (the default, 12, would
    /// count UNIMPLEMENTED as healthy), `HttpCode` "200" for HTTP ones.
    public struct Matcher: Codable, Sendable, Equatable {
        public var HttpCode: String?
        public var GrpcCode: String?
        public init(httpCode: String? = nil, grpcCode: String? = nil) { (HttpCode, GrpcCode) = (httpCode, grpcCode) }
    }

    public struct TargetGroup: Decodable, Sendable, Equatable {
        public var TargetGroupArn: String
        public var TargetGroupName: String?
        public var ProtocolVersion: String?
        public var HealthCheckPath: String?
        public var Matcher: Matcher?
    }

    public struct TargetGroupTuple: Codable, Sendable, Equatable {
        public var TargetGroupArn: String
        public var Weight: Int?
        public init(targetGroupArn: String, weight: Int?) { (TargetGroupArn, Weight) = (targetGroupArn, weight) }
    }

    public struct ForwardActionConfig: Codable, Sendable, Equatable {
        public var TargetGroups: [TargetGroupTuple]
        public init(targetGroups: [TargetGroupTuple]) { TargetGroups = targetGroups }
    }

    /// What a `fixed-response` action answers.
    public struct FixedResponseConfig: Codable, Sendable, Equatable {
        public var StatusCode: String
        public var ContentType: String?
        public var MessageBody: String?
        public init(statusCode: String, contentType: String? = "text/plain", messageBody: String? = nil) {
            (StatusCode, ContentType, MessageBody) = (statusCode, contentType, messageBody)
        }
    }

    /// A listener action; traffic splitting is a `forward` with weighted target groups.
    public struct Action: Codable, Sendable, Equatable {
        public var `Type`: String
        public var TargetGroupArn: String?
        public var ForwardConfig: ForwardActionConfig?
        public var FixedResponseConfig: FixedResponseConfig?
        public var Order: Int?

        public init(
            type: String, targetGroupArn: String? = nil, forwardConfig: ForwardActionConfig? = nil, order: Int? = nil
        ) {
            (self.Type, TargetGroupArn, ForwardConfig, Order) = (type, targetGroupArn, forwardConfig, order)
        }

        /// An answer from the load balancer itself (no target group behind it).
        public static func fixedResponse(status: Int, message: String) -> Action {
            var action = Action(type: "fixed-response")
            action.FixedResponseConfig = .init(statusCode: String(status), messageBody: message)
            return action
        }

        /// Forward to several target groups by weight (weights are relative, 0...999 each).
        public static func weightedForward(_ weights: [(targetGroupArn: String, weight: Int)]) -> Action {
            Action(
                type: "forward",
                forwardConfig: ForwardActionConfig(
                    targetGroups: weights.map { TargetGroupTuple(targetGroupArn: $0.targetGroupArn, weight: $0.weight) }
                ))
        }
    }

    public struct Certificate: Codable, Sendable, Equatable {
        public var CertificateArn: String
        public init(certificateArn: String) { CertificateArn = certificateArn }
    }

    public struct Listener: Decodable, Sendable, Equatable {
        public var ListenerArn: String
        public var Port: Int?
        public var DefaultActions: [Action]?
    }

    public struct TargetDescription: Codable, Sendable, Equatable {
        /// The task's IP address for target type ip.
        public var Id: String
        public var Port: Int?
        public init(id: String, port: Int? = nil) { (Id, Port) = (id, port) }
    }

    public struct TargetHealth: Decodable, Sendable, Equatable {
        /// initial, healthy, unhealthy, unused, draining, unavailable.
        public var State: String?
    }

    public struct TargetHealthDescription: Decodable, Sendable, Equatable {
        public var Target: TargetDescription
        public var TargetHealth: TargetHealth?
    }

    public struct Attribute: Codable, Sendable, Equatable {
        public var Key: String
        public var Value: String
        public init(key: String, value: String) { (Key, Value) = (key, value) }
        /// How long a deregistered target keeps its connections draining.
        public static func deregistrationDelay(seconds: Int) -> Attribute {
            Attribute(key: "deregistration_delay.timeout_seconds", value: String(seconds))
        }
    }

    public struct TagDescription: Decodable, Sendable, Equatable {
        public var ResourceArn: String
        public var Tags: [Tag]?
    }
}
