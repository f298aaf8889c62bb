# The echo service: code generation and running the pair by hand.
PROTO_DIR := Sources/Echo/Protos
GENERATED_DIR := Sources/Echo/Service/Generated
PROTO_FILES := echo.proto grpc/health/v1/health.proto grpc/reflection/v1/reflection.proto

.PHONY: generate echo-up

generate: bootstrap ## Regenerate the protobuf and gRPC Swift code from Sources/Echo/Protos (committed)
	scripts/generate.sh

echo-up: bootstrap ## Build and run echo-server (:50051) and echo-client (:8080) in the foreground
	$(SWIFT) build -c release --product echo-server
	$(SWIFT) build -c release --product echo-client
	scripts/echo-up.sh $(RELEASE_BIN)
