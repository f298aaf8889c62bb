#!/usr/bin/env bash
# make bench-aws: builds a small optimised driver around Toolbox's AWSBench (the AWS and HTTP
# sources only, so no package edit is needed) and runs scripts/aws-bench.py with it.
# A benchmark, not a test: it prints figures and compares them with the issue's targets.
set -euo pipefail
cd "$(dirname "$0")/.."

out=.build/aws-bench
mkdir -p "$out"
driver="$out/main.swift"
cat > "$driver" <<'SWIFT'
import Foundation

/// `aws-bench [calls]`: DescribeClusters `calls` times (default 1) and print one JSON line.
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
SWIFT

sources=$(find Sources/Toolbox/AWS Sources/Toolbox/HTTP -name '*.swift' | sort)
binary="$out/aws-bench"
if [[ ! -x $binary ]] || [[ -n $(find $sources scripts/aws-bench.sh -newer "$binary" 2>/dev/null) ]]; then
    echo "aws-bench: compiling the driver (optimised, AWS and HTTP sources only)..."
    swiftc -O -swift-version 6 -parse-as-library -module-name AWSBenchDriver \
        -I Sources/CSystem/CCurl -I Sources/CSystem/CLibcrypto $sources "$driver" -lcurl -lcrypto -o "$binary"
fi
exec python3 scripts/aws-bench.py "$binary" "${BENCH_CALLS:-200}"
