import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A bounded concurrent HTTP load on the public endpoint: `workers` loops of GET, each stopped
/// by `stop()`, by its request budget or by the time limit, whichever comes first.
final class HTTPLoad: @unchecked Sendable {
    struct Sample: Sendable {
        var time: Date
        var status: Int
        var version: String?
        var failure: String?
    }

    private let lock = NSLock()
    private var samples: [Sample] = []
    private var stopped = false
    private var workers: [Task<Void, Never>] = []
    private let session: URLSession

    init(port: Int, workers count: Int = 20, maxRequestsPerWorker: Int = 20_000, maxDuration: Duration = .seconds(120)) {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpMaximumConnectionsPerHost = count
        configuration.timeoutIntervalForRequest = 10
        session = URLSession(configuration: configuration)
        let url = URL(string: "http://127.0.0.1:\(port)/?name=load")!
        let deadline = ContinuousClock.now + maxDuration
        workers = (0..<count).map { _ in
            Task { [session] in
                for _ in 0..<maxRequestsPerWorker {
                    if self.isStopped || ContinuousClock.now >= deadline { return }
                    self.record(await Self.get(url, session: session))
                }
            }
        }
    }

    private static func get(_ url: URL, session: URLSession) async -> Sample {
        do {
            let (data, response) = try await session.data(from: url)
            let body = String(decoding: data, as: UTF8.self)
            let version = body.range(of: "Version ").map { String(body[$0.upperBound...].prefix { $0 != ")" }) }
            let status = (response as? HTTPURLResponse)?.statusCode ?? 0
            return Sample(time: Date(), status: status, version: version, failure: status == 200 ? nil : String(body.prefix(200)))
        } catch {
            return Sample(time: Date(), status: 0, version: nil, failure: "\(error)")
        }
    }

    private var isStopped: Bool {
        lock.lock()
        defer { lock.unlock() }
        return stopped
    }

    private func markStopped() {
        lock.lock()
        stopped = true
        lock.unlock()
    }

    private func record(_ sample: Sample) {
        lock.lock()
        samples.append(sample)
        lock.unlock()
    }

    /// Stops every worker and returns all samples.
    func stop() async -> [Sample] {
        markStopped()
        for worker in workers { await worker.value }
        session.invalidateAndCancel()
        return recorded
    }

    var recorded: [Sample] {
        lock.lock()
        defer { lock.unlock() }
        return samples
    }

    /// Waits until `count` more samples than now have been recorded.
    func waitForMore(_ count: Int, timeout: Duration = .seconds(30)) async throws {
        let target = recorded.count + count
        let deadline = ContinuousClock.now + timeout
        while recorded.count < target {
            guard ContinuousClock.now < deadline else { throw ProjectFailure("the load made no progress") }
            try await Task.sleep(for: .milliseconds(20))
        }
    }
}

extension Array where Element == HTTPLoad.Sample {
    func between(_ start: Date, _ end: Date) -> [HTTPLoad.Sample] {
        filter { $0.time > start && $0.time < end }
    }

    var failures: [HTTPLoad.Sample] { filter { $0.status != 200 } }

    /// The percentage of answers from `version`.
    func share(of version: String) -> Double {
        isEmpty ? 0 : Double(filter { $0.version == version }.count) * 100 / Double(count)
    }

    var versions: Set<String> { Set(compactMap(\.version)) }
}
