#!/usr/bin/env bash
# make bench-aws: builds a small optimised driver (Benches/AWSClient) with the AWS client's layers'
# sources compiled in (HTTP, SigV4, AWS; no package edit needed) and runs scripts/aws-bench.py with it.
# A benchmark, not a test: it prints figures and compares them with the issue's targets.
set -euo pipefail
cd "$(dirname "$0")/.."

out=.build/aws-bench
mkdir -p "$out"

sources=$(find Sources/Toolbox/AWS Sources/Toolbox/SigV4 Sources/Toolbox/HTTP Benches/AWSClient -name '*.swift' | sort)
binary="$out/aws-bench"
if [[ ! -x $binary ]] || [[ -n $(find $sources scripts/aws-bench.sh -newer "$binary" 2>/dev/null) ]]; then
    echo "aws-bench: compiling the driver (optimised, AWS and HTTP sources only)..."
    swiftc -O -swift-version 6 -parse-as-library -module-name AWSBenchDriver \
        -I Sources/CSystem/CCurl -I Sources/CSystem/CLibcrypto $sources -lcurl -lcrypto -o "$binary"
fi
exec python3 scripts/aws-bench.py "$binary" "${BENCH_CALLS:-200}"
