# The walkthrough's targets. Each runs one plugin executable from the release build; settings
# come from .env and make variables (STEPS, BAKE, PERCENT, VERSION, TASK_ENV, SERVER_TASKS, ...).
.PHONY: build-infra update promote rollback abort retire shift status receipts watch destroy-infra

# A plugin is built the first time it is needed, by the one release build (see image-binaries).
$(RELEASE_BIN)/%:
	@$(MAKE) --no-print-directory build

# Both run what ships: local tasks run the images `make image` assembles (LOCAL_ARTIFACT=image),
# and the aws target pushes them to ECR.
build-infra: build image ## Stand everything up and print the endpoints (idempotent)
	$(RELEASE_BIN)/infra up

update: bootstrap $(RELEASE_BIN)/deploy image ## Build the server's image from the working tree and roll it out (STEPS=50,100 BAKE=15)
	$(RELEASE_BIN)/deploy update

promote: $(RELEASE_BIN)/deploy ## Finish a staged rollout: 100% to the newest revision, retire the older one
	$(RELEASE_BIN)/deploy promote

rollback: $(RELEASE_BIN)/deploy ## Undo the last rollout: all traffic back to the previous revision (kept or staged), the new one stopped
	$(RELEASE_BIN)/deploy rollback

abort: $(RELEASE_BIN)/deploy ## Stop a rollout where it stands (even one running elsewhere); traffic back to the previous revision
	$(RELEASE_BIN)/deploy abort

retire: $(RELEASE_BIN)/deploy ## End the rollback window now: stop the previous revision kept at 0% (KEEP_PREVIOUS)
	$(RELEASE_BIN)/deploy retire

shift: $(RELEASE_BIN)/traffic ## Route PERCENT of traffic to the newest revision (make shift PERCENT=50)
	@if [ -z "$$PERCENT" ]; then echo "error: say how much, like: make shift PERCENT=50" >&2; exit 2; fi
	@$(RELEASE_BIN)/traffic shift "$$PERCENT"

status: $(RELEASE_BIN)/traffic ## Show revisions, tasks, health and weights (JSON=1 for JSON)
	@$(RELEASE_BIN)/traffic status $(if $(JSON),--json)

receipts: $(RELEASE_BIN)/traffic ## The receipt of every rollout command, step by step (JSON=1 for JSON)
	@$(RELEASE_BIN)/traffic receipts $(if $(JSON),--json)

watch: $(RELEASE_BIN)/traffic ## Live bars of the requests each version answers per second
	@$(RELEASE_BIN)/traffic watch

destroy-infra: $(RELEASE_BIN)/infra ## Stop everything the toolbox started and remove its state
	$(RELEASE_BIN)/infra down

.PHONY: bench-local
bench-local: bootstrap build ## Bench: the router hop (direct vs via HAProxy, as ratios) and the time of a shift
	python3 scripts/bench/local.py $(RELEASE_BIN)

bench: bench-local
