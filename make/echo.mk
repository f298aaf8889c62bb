# The echo service: its benchmark beside the Go original.

# GO_ECHO_SERVER / GO_ECHO_CLIENT: the Go original's executables (docs/echo-bench.md), benched
# beside ours in the same run, with ratios.
GO_ECHO_SERVER ?=
GO_ECHO_CLIENT ?=

.PHONY: bench-echo
bench-echo: bootstrap $(RELEASE_BIN)/echo-server $(RELEASE_BIN)/echo-client ## Bench: echo pair (h2load, wrk, CPU, memory, start-up), beside GO_ECHO_SERVER/GO_ECHO_CLIENT
	GO_ECHO_SERVER='$(GO_ECHO_SERVER)' GO_ECHO_CLIENT='$(GO_ECHO_CLIENT)' python3 scripts/bench/echo.py $(RELEASE_BIN)

bench: bench-echo
