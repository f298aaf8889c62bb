# The echo service: code generation and running the pair by hand.
.PHONY: generate

generate: bootstrap ## Regenerate the protobuf and gRPC Swift code from Sources/Echo/Protos (committed)
	scripts/generate.sh

.PHONY: bench-echo
bench-echo: bootstrap $(RELEASE_BIN)/echo-server $(RELEASE_BIN)/echo-client ## Bench: echo-server with h2load, the client path with wrk, memory, start-up
	python3 scripts/bench/echo.py $(RELEASE_BIN)

bench: bench-echo
