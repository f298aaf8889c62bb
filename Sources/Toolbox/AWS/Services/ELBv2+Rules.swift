
/// Listener rules: the test route, which sends calls carrying a header to one target group.
extension ELBv2 {
    public func createRule(listenerArn: String, priority: Int, conditions: [RuleCondition], actions: [Action]) async throws -> Rule {
        let input = CreateRuleInput(ListenerArn: listenerArn, Priority: priority, Conditions: conditions, Actions: actions)
        let output: RulesOutput = try await call("CreateRule", input)
        guard let created = output.Rules.first else { throw AWSClient.malformed(Self.service, "CreateRule", "no rule") }
        return created
    }
    public func describeRules(listenerArn: String) async throws -> [Rule] {
        let output: RulesOutput = try await call("DescribeRules", ["ListenerArn": listenerArn])
        return output.Rules
    }
    public func deleteRule(arn: String) async throws {
        try await perform("DeleteRule", ["RuleArn": arn])
    }

    public struct Rule: Decodable, Sendable, Equatable {
        public var RuleArn: String
        public var Priority: String?
        public var Conditions: [RuleCondition]?
        public var Actions: [Action]?
    }

    /// A rule's condition; the toolbox uses `http-header` only.
    public struct RuleCondition: Codable, Sendable, Equatable {
        public var Field: String
        public var HttpHeaderConfig: HttpHeaderConfig?

        public struct HttpHeaderConfig: Codable, Sendable, Equatable {
            public var HttpHeaderName: String
            public var Values: [String]
        }

        /// Matches a request carrying `name` with any value.
        public static func header(_ name: String) -> RuleCondition {
            RuleCondition(Field: "http-header", HttpHeaderConfig: .init(HttpHeaderName: name, Values: ["*"]))
        }
    }

    struct CreateRuleInput: Encodable {
        var ListenerArn: String, Priority: Int, Conditions: [RuleCondition], Actions: [Action]
    }
    struct RulesOutput: Decodable { var Rules: [Rule] }
}
