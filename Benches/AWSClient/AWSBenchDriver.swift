import Foundation

/// `aws-bench [calls]`: DescribeClusters `calls` times (default 1) and print one JSON line.
/// Compiled by scripts/aws-bench.sh together with the AWS client's sources; not a package target.
@main struct AWSBenchDriver {
    static func main() async {
        let calls = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 1 : 1
        do {
            let client = try AWSClient.fromEnvironment()
            let cluster = ProcessInfo.processInfo.environment["BENCH_CLUSTER"] ?? "bench"
            print(try await AWSBench.run(client: client, cluster: cluster, calls: calls).json)
        } catch {
            FileHandle.standardError.write(Data("aws-bench: \(error)\n".utf8))
            exit(1)
        }
    }
}
