# The AWS client: its benchmark (the tests run in `make test`; filter them with `swift test --filter AWS`).
.PHONY: bench-aws

bench-aws: bootstrap ## Benchmark the AWS client against moto: one call per process vs the AWS CLI, warm calls vs the emulator
	scripts/aws-bench.sh
bench: bench-aws
