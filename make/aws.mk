# The AWS target: the emulator, and the AWS benches. The walkthrough's targets (build-infra,
# update, shift, status, destroy-infra) are shared with the local target; TARGET=aws picks AWS.
.PHONY: bench-aws emulator emulator-stop

# PLAN=1 turns build-infra into a dry run (what would be created or changed, no mutating call).
INFRA_UP_FLAGS = $(if $(PLAN),--dry-run,)

emulator: bootstrap ## Start moto's AWS API server on a free loopback port (AGENT=1: with an ECS agent stand-in)
	@scripts/emulator/emulator.sh start

emulator-stop: ## Stop the emulator started by make emulator (by its recorded PID)
	@scripts/emulator/emulator.sh stop

bench-aws: bootstrap ## Benchmark the AWS client against moto: one call per process vs the AWS CLI, warm calls vs the emulator
	scripts/aws-bench.sh
bench: bench-aws
