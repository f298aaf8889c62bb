// swift-tools-version:6.1
import PackageDescription

let argumentParser: Target.Dependency = .product(name: "ArgumentParser", package: "swift-argument-parser")

// Release echo executables link libstdc++ statically when `make` has put its archive alone in this
// folder (searched before the toolchain's): 70 KB of the 2.2 MB shared library the images would ship.
let staticLibstdcxx: [LinkerSetting] = [
    .unsafeFlags(["-Xclang-linker", "-L\(Context.packageDirectory)/.build/static-libstdc++"], .when(configuration: .release))
]

// The toolbox: one core module (Toolbox), three small plugin executables wrapped by Makefile
// targets, and the echo service they deploy. See README.md and the Makefile.
let package = Package(
    name: "echo-toolbox",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "echo-server", targets: ["EchoServer"]),
        .executable(name: "echo-client", targets: ["EchoClient"]),
        .executable(name: "infra", targets: ["Infra"]),
        .executable(name: "deploy", targets: ["Deploy"]),
        .executable(name: "traffic", targets: ["Traffic"]),
        .executable(name: "image", targets: ["Image"]),
        .library(name: "Toolbox", targets: ["Toolbox"]),
    ],
    dependencies: [
        .package(url: "https://github.com/grpc/grpc-swift-2.git", from: "2.4.3"),
        .package(url: "https://github.com/grpc/grpc-swift-nio-transport.git", from: "2.9.2"),
        .package(url: "https://github.com/grpc/grpc-swift-protobuf.git", from: "2.4.1"),
        // No default traits: we use neither BinaryDelimitedStreams (full Foundation) nor FieldMaskUtilities,
        // and SwiftPM 6.3 passes two or more enabled traits as -D flags in a random order each time it
        // plans, so every replan recompiled SwiftProtobuf (as it did Hummingbird, once used). Keep every package at
        // one enabled trait at most (`make check-build-flags`).
        .package(url: "https://github.com/apple/swift-protobuf.git", from: "1.39.0", traits: []),
        // Already in the graph through the gRPC transport; named for echo-client, which serves HTTP/1.1
        // and makes its gRPC calls on NIO directly (docs/echo-bench.md says why).
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.0"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-nio-http2.git", from: "1.46.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
    ],
    targets: [
        // System libraries, found through pkg-config (Debian's -dev packages, see scripts/bootstrap.sh).
        .systemLibrary(name: "CCurl", path: "Sources/CSystem/CCurl", pkgConfig: "libcurl"),
        .systemLibrary(name: "CLibcrypto", path: "Sources/CSystem/CLibcrypto", pkgConfig: "libcrypto"),
        .systemLibrary(name: "CLibgit2", path: "Sources/CSystem/CLibgit2", pkgConfig: "libgit2"),
        .systemLibrary(name: "CZlib", path: "Sources/CSystem/CZlib", pkgConfig: "zlib"),

        // The toolbox's layers, each a target that sees only the ones above it here, so the
        // compiler refuses an upward import. `Toolbox` re-exports them: the one module the
        // plugin executables import. Cross-layer API is `package` (or public where it was).
        .target(name: "ToolboxHTTP", dependencies: ["CCurl"], path: "Sources/Toolbox/HTTP"),
        .target(name: "ToolboxSigV4", dependencies: ["ToolboxHTTP", "CLibcrypto"], path: "Sources/Toolbox/SigV4"),
        // The AWS client: transport glue, protocols, credentials, the services' calls and shapes.
        .target(name: "ToolboxAWS", dependencies: ["ToolboxSigV4"], path: "Sources/Toolbox/AWS"),
        // Model, settings, state, git, images, TLS, console, and the Platform contract.
        .target(name: "ToolboxCore", dependencies: ["ToolboxAWS", "CLibcrypto", "CLibgit2", "CZlib"], path: "Sources/Toolbox/Core"),
        .target(name: "ToolboxLocal", dependencies: ["ToolboxCore"], path: "Sources/Toolbox/Platforms/Local"),
        .target(name: "ToolboxAWSPlatform", dependencies: ["ToolboxCore", "ToolboxAWS"], path: "Sources/Toolbox/Platforms/AWS"),
        // The rollout and the status report see a Platform, never a particular one.
        .target(name: "ToolboxRollout", dependencies: ["ToolboxCore", "ToolboxHTTP", "ToolboxAWS"], path: "Sources/Toolbox/Rollout"),
        // The only layer that knows the argument parser: shared options, the composition root, errors to exit codes.
        .target(
            name: "ToolboxCLI",
            dependencies: ["ToolboxLocal", "ToolboxAWSPlatform", "ToolboxRollout", argumentParser],
            path: "Sources/Toolbox/CLI"
        ),
        .target(
            name: "Toolbox",
            dependencies: ["ToolboxHTTP", "ToolboxSigV4", "ToolboxAWS", "ToolboxCore", "ToolboxLocal", "ToolboxAWSPlatform", "ToolboxRollout", "ToolboxCLI"],
            path: "Sources/Toolbox/Exports"
        ),

        // Plugins: thin executables, one job each; their logic lives in Toolbox.
        .executableTarget(name: "Infra", dependencies: ["Toolbox", argumentParser], path: "Sources/Plugins/Infra"),
        .executableTarget(name: "Deploy", dependencies: ["Toolbox", argumentParser], path: "Sources/Plugins/Deploy"),
        .executableTarget(name: "Traffic", dependencies: ["Toolbox", argumentParser], path: "Sources/Plugins/Traffic"),
        .executableTarget(name: "Image", dependencies: ["Toolbox", argumentParser], path: "Sources/Plugins/Image"),

        // The echo server's version constant, alone: a bump recompiles only it and the server.
        .target(name: "EchoVersion", path: "Sources/Echo/Version"),
        // What the echo server's and client's HTTP/2 connections share below gRPC.
        .target(
            name: "EchoTransport",
            dependencies: [.product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOHTTP2", package: "swift-nio-http2")],
            path: "Sources/Echo/Transport"
        ),
        // The echo service: generated code, the service, health and reflection (no transport code).
        .target(
            name: "EchoService",
            dependencies: [
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "GRPCProtobuf", package: "grpc-swift-protobuf"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ],
            path: "Sources/Echo/Service"
        ),
        // echo-server's gRPC transport (HTTP/2 calls as frames), apart from its main so tests drive it in process.
        .target(
            name: "EchoServerCore",
            dependencies: [
                "EchoService",
                "EchoTransport",
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHPACK", package: "swift-nio-http2"),
                .product(name: "NIOHTTP2", package: "swift-nio-http2"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            path: "Sources/Echo/ServerCore"
        ),
        .executableTarget(
            name: "EchoServer",
            dependencies: [
                "EchoServerCore",
                "EchoService",
                "EchoTransport",
                "EchoVersion",
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            path: "Sources/Echo/Server",
            linkerSettings: staticLibstdcxx
        ),
        // The client's settings, gRPC caller and routes, apart from its main so tests drive them in process.
        .target(
            name: "EchoClientCore",
            dependencies: [
                "EchoService",
                "EchoTransport",
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOExtras", package: "swift-nio-extras"),
                .product(name: "NIOHPACK", package: "swift-nio-http2"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTP2", package: "swift-nio-http2"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Sources/Echo/ClientCore"
        ),
        .executableTarget(
            name: "EchoClient",
            dependencies: [
                "EchoClientCore",
                "EchoService",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            path: "Sources/Echo/Client",
            linkerSettings: staticLibstdcxx
        ),

        // What only tests use: an in-memory Platform for the rollout's state machine.
        .target(name: "ToolboxTestSupport", dependencies: ["ToolboxCore"], path: "Tests/ToolboxTestSupport"),
        .testTarget(name: "ToolboxTests", dependencies: ["Toolbox", "ToolboxTestSupport"], exclude: ["Fixtures"]),
        .testTarget(
            name: "EchoTests",
            dependencies: [
                "EchoClientCore",
                "EchoServerCore",
                "EchoService",
                "EchoTransport",
                "EchoVersion",
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
                .product(name: "GRPCNIOTransportHTTP2", package: "grpc-swift-nio-transport"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                // echo-client's call handler, driven frame by frame.
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOHPACK", package: "swift-nio-http2"),
                .product(name: "NIOHTTP2", package: "swift-nio-http2"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            exclude: ["Fixtures"]
        ),
    ]
)
