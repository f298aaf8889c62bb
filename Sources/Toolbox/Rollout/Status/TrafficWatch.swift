import Foundation
import ToolboxCore

/// The live view of `make watch`: requests per second answered by each version, as bars.
public struct TrafficWatch: Sendable {
    let platform: any Platform
    let interval: Double

    public init(platform: any Platform, interval: Double) {
        self.platform = platform
        self.interval = interval
    }

    public func run(readings: Int?) async throws {
        guard var previous = try await platform.requestCounts() else {
            throw ToolboxError.refused("this target's router exposes no request counts to watch; make status shows the weights and task health")
        }
        var taken = 0
        Console.say("Requests per second by version (Ctrl-C to stop)")
        while readings.map({ taken < $0 }) ?? true {
            try await Task.sleep(for: .seconds(interval))
            let counts = try await platform.requestCounts() ?? [:]
            guard let deployment = try await platform.describe() else { return }
            let rates = deployment.server.revisions.map { revision in
                let now = counts[revision.tag]?.answered ?? 0
                return (revision, Double(now - min(previous[revision.tag]?.answered ?? 0, now)) / interval)
            }
            Console.say(Self.frame(rates.map { ($0.0.version, $0.0.tag, $0.1, deployment.server.route.weight(of: $0.0.tag)) }, time: Date()))
            previous = counts
            taken += 1
        }
    }

    /// One reading: a line per revision with its bar, its rate and its route weight.
    static func frame(_ rows: [(version: String, tag: String, perSecond: Double, weight: Int)], time: Date, width: Int = 40) -> String {
        let total = rows.reduce(0) { $0 + $1.perSecond }
        let stamp = ISO8601DateFormatter.string(from: time, timeZone: .current, formatOptions: [.withTime, .withColonSeparatorInTime])
        let labelWidth = rows.map { "\($0.version) (\($0.tag))".count }.max() ?? 0
        return rows.enumerated().map { index, row in
            let share = total > 0 ? row.perSecond / total : 0
            let filled = Int((share * Double(width)).rounded())
            let bar = Console.colored(String(repeating: "█", count: filled), 32 + index % 5) + String(repeating: "░", count: width - filled)
            let label = "\(row.version) (\(row.tag))".padding(toLength: labelWidth, withPad: " ", startingAt: 0)
            let prefix = index == 0 ? stamp : String(repeating: " ", count: stamp.count)
            return "\(prefix)  \(label)  \(bar) \(String(format: "%6.0f", row.perSecond)) req/s  \(Int((share * 100).rounded()))% (route \(row.weight)%)"
        }.joined(separator: "\n")
    }
}
