# The AWS target: the emulator, and the AWS benches. The walkthrough's targets (build-infra,
# update, shift, status, destroy-infra) are shared with the local target; TARGET=aws picks AWS.
.PHONY: bench-aws emulator emulator-stop

# PLAN=1 turns build-infra into a dry run (what would be created or changed, no mutating call).
INFRA_UP_FLAGS = $(if $(PLAN),--dry-run,)

emulator: bootstrap ## Start moto's AWS API server on a free loopback port (AGENT=1: with an ECS agent stand-in)
	@scripts/emulator/emulator.sh start

emulator-stop: ## Stop the emulator started by make emulator (by its recorded PID)
	@scripts/emulator/emulator.sh stop

bench-aws: bootstrap $(RELEASE_BIN)/infra $(RELEASE_BIN)/deploy $(RELEASE_BIN)/traffic ## Benchmark the AWS client and platform against moto (calls vs the AWS CLI; update and shift vs the original)
	scripts/aws-bench.sh
	python3 scripts/bench/aws_platform.py $(RELEASE_BIN)
bench: bench-aws
