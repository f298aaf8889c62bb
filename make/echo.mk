# The echo service: code generation and running the pair by hand.
.PHONY: generate

generate: bootstrap ## Regenerate the protobuf and gRPC Swift code from Sources/Echo/Protos (committed)
	scripts/generate.sh
