# Container images without a container engine (see docs/images.md): build, push, the git hook.
# Images ship the release build's binaries (static Swift runtime: few shared libraries to ship).
IMAGE_BIN := $(RELEASE_BIN)
IMAGE_TOOL := $(IMAGE_BIN)/image
# REGISTRY=host[:port][/namespace] selects the registry (REGISTRY_USERNAME/REGISTRY_PASSWORD to log in);
# without it, TARGET=aws pushes to the account's ECR (repositories <PROJECT_NAME>/server and /client, as the original).
REGISTRY ?=
# The values themselves travel in the environment (see USER_VALUES in the Makefile).
PUSH_DESTINATION = $(if $(REGISTRY),--registry "$$REGISTRY",$(if $(filter aws,$(TARGET)),--ecr --namespace "$$PROJECT_NAME",))

.PHONY: image image-binaries push install-hooks uninstall-hooks bench-image check-foundation

# The same single build as `make build` (one plan, one set of traits and flags): building products
# one by one planned each anew and recompiled modules that `make build` had just compiled.
image-binaries: build

# One image per executable, built with the same arguments by `image` and `bench-image`.
IMAGE_PORT_echo-server := 50051
IMAGE_PORT_echo-client := 8080
build_image = $(IMAGE_TOOL) build --name $(1) --executable $(IMAGE_BIN)/$(1) --port $(IMAGE_PORT_$(1)) --strip

image: image-binaries ## Release-build echo-server and echo-client and assemble their OCI images in .toolbox/images
	$(call build_image,echo-server)
	$(call build_image,echo-client)

push: image ## Push the current commit's images to REGISTRY (or ECR on TARGET=aws): missing blobs, then the tag
	@$(if $(PUSH_DESTINATION),true,echo "push: set REGISTRY=host[:port][/namespace] (or TARGET=aws for ECR)" >&2; exit 2)
	$(IMAGE_TOOL) push echo-server $(PUSH_DESTINATION)
	$(IMAGE_TOOL) push echo-client $(PUSH_DESTINATION)

install-hooks: image-binaries ## Install the post-commit hook that tags images and versions by commit
	@scripts/git-hooks/install.sh install

uninstall-hooks: ## Remove the toolbox's post-commit hook (and no other)
	@scripts/git-hooks/install.sh uninstall

# Full Foundation (its ICU data alone is about 41 MB) is what would take an echo image past 40 MB.
check-foundation: image-binaries ## Check that neither echo executable links full Foundation (FoundationEssentials only)
	@scripts/check-no-foundation.sh $(IMAGE_BIN)/echo-server $(IMAGE_BIN)/echo-client

bench-image: check-foundation ## Bench: image assembly time after the build, compressed and uncompressed size
	@$(call build_image,echo-server) | sed 's/^/bench-image: /'
	@$(call build_image,echo-client) | sed 's/^/bench-image: /'

bench: bench-image
