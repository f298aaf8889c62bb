import Foundation
import ToolboxAWS
import ToolboxCore

extension AWSPlatform {
    /// Calls each revision answered, and failed, as its tasks reported them to CloudWatch
    /// (embedded metric format through the awslogs driver, see docs/echo-metrics.md), summed
    /// since the revision was created; nil when the routed service reports no metrics. On AWS
    /// the sums lag the calls by a minute or so: BAKE should be longer than that.
    public func requestCounts() async throws -> [String: RequestCounts]? {
        guard let metrics = serverSpec.metrics else { return nil }
        let services = try await context.serverServices()
        let revisions = services.compactMap { service -> (tag: String, created: Date)? in
            guard let tag = service.tag(AWSNames.revisionTagKey) else { return nil }
            let created = Double(service.tag(AWSNames.createdTagKey) ?? "").map(Date.init(timeIntervalSince1970:))
            return (tag, created ?? Date().addingTimeInterval(-3600))
        }
        guard let oldest = revisions.map(\.created).min() else { return [:] }
        var queries: [CloudWatch.SumQuery] = []
        for (index, revision) in revisions.enumerated() {
            let dimensions = [(name: "Service", value: serverSpec.name), (name: "Revision", value: revision.tag)]
            queries.append(.init(id: "calls\(index)", namespace: metrics.namespace, metric: metrics.callsMetric, dimensions: dimensions))
            queries.append(.init(id: "errors\(index)", namespace: metrics.namespace, metric: metrics.errorsMetric, dimensions: dimensions))
        }
        // Whole minutes around the revisions' lives, as CloudWatch aligns its periods.
        let sums = try await aws.cloudWatch.sums(queries, start: oldest.addingTimeInterval(-120), end: Date().addingTimeInterval(120))
        var counts: [String: RequestCounts] = [:]
        for (index, revision) in revisions.enumerated() {
            counts[revision.tag] = RequestCounts(
                answered: UInt64(max(0, sums["calls\(index)"] ?? 0)), failed: UInt64(max(0, sums["errors\(index)"] ?? 0)))
        }
        return counts
    }
}
