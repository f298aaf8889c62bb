import Foundation
import Testing

@testable import ToolboxAWS
@testable import ToolboxAWSPlatform
@testable import ToolboxCore

/// Every PROJECT_NAME the settings accept either gives names AWS accepts for every resource the
/// aws target creates, distinct where they must be, or is refused before any call. The names are
/// judged by the emulator's rule table (scripts/emulator/contract/names.py), not by the Swift rules
/// that refuse them, so the two are checked against each other.
@Suite("AWS platform: every project name gives valid AWS names, or is refused up front")
struct AWSProjectNameTests {
    /// Lengths 1 to 31 (the settings' limit) in each allowed character class, hyphens inner,
    /// doubled and trailing, and the prefixes AWS reserves.
    static var candidates: [String] {
        var names: [String] = []
        for length in 1...31 {
            let letters = String("abcdefghijklmnopqrstuvwxyz".cycled(to: length))
            names.append(letters)
            names.append("e" + String("0123456789".cycled(to: length - 1)))
            names.append(String("echo-".cycled(to: length)))
            names.append(String("a1-b2--c3".cycled(to: length)))
        }
        return names + ["internal-echo", "internal", "sg-echo", "echo-", "e-1", "xn--echo"]
    }

    /// Python kinds of names.py for the Swift rules.
    static let kinds: [String: String] = [
        "load balancer": "load-balancer", "target group": "target-group", "IAM role": "iam-role",
        "log group": "log-group", "ECR repository": "ecr-repository", "ECS": "ecs",
        "security group": "security-group", "Cloud Map namespace": "dns-name", "App Mesh": "app-mesh",
    ]

    static let tags = ["0.9-8e1f038", "1.0-3f2a9c1-dirty", "2024.11.29-rc.1+build.7-0123456", "client"]

    @Test func derivedNamesAreValidAndDistinctOrRefused() throws {
        var accepted: [String] = []
        var pairs: [[String]] = []
        for project in Self.candidates {
            guard (try? ToolboxSettings(projectDirectory: URL(fileURLWithPath: "/tmp"), values: ["PROJECT_NAME": project])) != nil
            else { continue }
            let names = AWSNames(project: project, server: .echoServer, client: .echoClient)
            do {
                try names.validate()
            } catch {
                #expect(error.kind == .refused && error.description.contains("PROJECT_NAME '\(project)'"), "\(error)")
                #expect(!error.description.contains("\n"))
                continue
            }
            accepted.append(project)
            pairs += names.projectDerived.map { [Self.kinds[$0.rule.resource] ?? "?", $0.name] }
            let groups = [names.clientTargetGroup] + Self.tags.map(names.serverTargetGroup)
            #expect(Set(groups).count == groups.count, "target groups of \(project) are distinct: \(groups)")
            #expect(names.loadBalancer != names.routerLoadBalancer)
            pairs += groups.map { ["target-group", $0] } + Self.tags.map { ["ecs", names.serverService($0)] }
        }
        #expect(accepted.contains { $0.count == AWSNames.longestProject }, "the longest name that fits is accepted")
        #expect(!accepted.contains { $0.count > AWSNames.longestProject })
        #expect(!accepted.contains { $0.contains("--") || $0.hasPrefix("internal") }, "\(accepted)")
        let problems = try Self.judge(pairs)
        #expect(problems.isEmpty, "AWS would refuse: \(problems.prefix(5))")
    }

    /// Two projects never share a revision's target group, even with long names and tags.
    @Test func revisionTargetGroupsDifferAcrossProjects() {
        let tag = "2024.11.29-rc.1+build.7-0123456"
        let first = AWSNames(project: "an-echo-service-in-prod", server: .echoServer, client: .echoClient)
        let second = AWSNames(project: "an-echo-service-in-test", server: .echoServer, client: .echoClient)
        #expect(first.serverTargetGroup(tag) != second.serverTargetGroup(tag))
    }

    /// names.py reads [[kind, name]] and prints [[kind, name, problem]] for the names AWS refuses.
    static func judge(_ pairs: [[String]]) throws -> [[String]] {
        let input = FileManager.default.temporaryDirectory.appendingPathComponent("names-\(UUID().uuidString).json")
        try JSONEncoder().encode(pairs).write(to: input)
        defer { try? FileManager.default.removeItem(at: input) }
        let result = try ImageTestSupport.run(
            "sh", ["-c", "python3 \"$0\" < \"$1\"", TestPaths.script("emulator/contract/names.py"), input.path])
        return try JSONDecoder().decode([[String]].self, from: Data(result.output.utf8))
    }
}

extension String {
    /// The string repeated and cut to `length` characters.
    fileprivate func cycled(to length: Int) -> Substring {
        String(repeating: self, count: length / max(count, 1) + 1).prefix(length)
    }
}
