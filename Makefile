# The toolbox's front door: one target per job, each running one small executable.
# Area-specific targets live in make/*.mk (echo, local platform, AWS, images, benches).
SHELL := /bin/bash
SWIFT ?= swift
# Release binaries for what a user runs; tests use the debug build (see make test). They link the
# Swift runtime statically: the images ship these very binaries with few shared libraries, and a
# single release flavour means a single release build (switching flavours recompiles everything).
# The linker flags keep the echo-server image under 40 MB (docs/images.md): no exported symbol
# table (6.6 MB the stripped binary never uses), identical functions folded, and a position-
# dependent executable as Go builds by default (2.2 MB of relocations; libraries, stack and heap
# are still randomized). They change only links, never compiles.
RELEASE_BIN := .build/release
RELEASE_FLAGS := -c release --static-swift-stdlib -Xlinker --no-export-dynamic -Xlinker --icf=safe -Xlinker -no-pie
# SwiftPM adds -color-diagnostics to every compile command when its output is a terminal, so a
# build in a terminal after one piped to a file or a tool (or the reverse) recompiled everything.
RELEASE_FLAGS += --no-color-diagnostics
DEBUG_BIN := .build/debug
# The toolbox's layers are targets (Package.swift); an import of a layer a target does not
# declare is an error, not a build that happens to work because the module was built first.
LAYER_CHECK := --explicit-target-dependency-import-check error

.DEFAULT_GOAL := help
.PHONY: help bootstrap build build-debug test bench generate

help: ## List the targets
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | sort | awk -F ':.*## ' '{printf "  %-16s %s\n", $$1, $$2}'

bootstrap: ## Install the Debian and PyPI packages the toolbox needs (only what is missing)
	@scripts/bootstrap.sh

# SwiftPM records its whole environment with each dependency's package plugin it compiles and
# compiles them all again (15-20 s) when it differs: leave out what make, a sub-make or the shell
# varies between invocations, and every value given on the command line (make update BAKE=5
# exports BAKE), so one build follows another unchanged.
MAKE_ENVIRONMENT := MAKEFLAGS MFLAGS MAKELEVEL MAKEOVERRIDES MAKE_TERMINALOUTPUT MAKE_TERMINALERR OLDPWD SHLVL
COMMAND_LINE_VALUES = $(foreach name,$(.VARIABLES),$(if $(filter command line override,$(origin $(name))),$(name)))
SWIFT_BUILD_ENV = env $(foreach name,$(sort $(MAKE_ENVIRONMENT) $(COMMAND_LINE_VALUES)),-u $(name))
# The flags check: a module compiled with two or more package traits is recompiled after every
# replan (scripts/check-build-flags.py says why), so it fails the build that would do it again.
build: bootstrap .build/static-libstdc++/libstdc++.a ## Release build of every executable
	$(SWIFT_BUILD_ENV) $(SWIFT) build $(RELEASE_FLAGS) $(LAYER_CHECK)
	@scripts/check-build-flags.py .build/release.yaml

# libstdc++'s archive alone in a folder the echo executables' release links search first (Package.swift).
.build/static-libstdc++/libstdc++.a:
	mkdir -p $(@D) && ln -sf "$$(c++ -print-file-name=libstdc++.a)" $@

build-debug: bootstrap ## Debug build of every executable and the tests
	$(SWIFT) build --build-tests $(LAYER_CHECK)

# Serially: the integration tests measure rollouts under load, and tests sharing two cores (and
# Swift's two cooperative threads) with other suites would measure each other instead.
test: build-debug ## Run the whole test suite (unit and integration, real processes on loopback)
	$(SWIFT) test --skip-build --no-parallel

# Generated code is committed: the protoc plugins take minutes to build, and the AWS shapes are
# checked against botocore's models by a test (AWSShapesGenerationTests).
generate: bootstrap ## Regenerate the committed code: protobuf and gRPC (Sources/Echo/Protos), AWS shapes (scripts/aws-shapes)
	scripts/generate.sh
	python3 scripts/generate-aws-shapes.py

bench: ## Run every benchmark (echo, local router, AWS client, images); never part of make test

# Values a user types (make shift PERCENT=..., make push REGISTRY=...) reach the executables as
# environment variables, quoted in recipes as "$$NAME", never pasted into shell text; `value`
# keeps make from expanding what they hold. The executables validate them.
# Only values given are exported: an empty PROJECT_NAME would hide the one in .env.
USER_VALUES := PERCENT REGISTRY PROJECT_NAME
$(foreach name,$(USER_VALUES),$(if $(value $(name)),$(eval override $(name) := $$(value $(name)))$(eval export $(name))))

include $(sort $(wildcard make/*.mk))
