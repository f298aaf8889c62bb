import EchoService
import EchoVersion
import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2
import SwiftProtobuf
import Testing

/// The real echo-server process, called over real loopback sockets.
@Suite(.serialized) struct EchoServerTests {
    typealias Health = Grpc_Health_V1_Health
    typealias Status = Grpc_Health_V1_HealthCheckResponse.ServingStatus
    static let echoMethod = MethodDescriptor(fullyQualifiedService: "proto.echo.EchoService", method: "Echo")

    @Test func repliesWithTheBoundAddressAndVersion() async throws {
        let (server, port) = try await EchoPair.startServer()
        defer { server.stop() }
        let reply = try await withGRPCClient(port: port) { client in
            try await Proto_Echo_EchoService.Client(wrapping: client).echo(.with { $0.name = "Yusuke" })
        }
        #expect(reply.message == "Hello, Yusuke-san! (Said 127.0.0.1, Version \(echoServerVersion))")
        #expect(server.output.contains("Echo Server Version \(echoServerVersion)"))
        #expect(server.output.contains("Starting on port: \(port), ssl: false"))
    }

    @Test func aNameOver4KiBIsInvalidArgument() async throws {
        let (server, port) = try await EchoPair.startServer()
        defer { server.stop() }
        let error = await #expect(throws: RPCError.self) {
            try await withGRPCClient(port: port) { client in
                try await Proto_Echo_EchoService.Client(wrapping: client)
                    .echo(.with { $0.name = String(repeating: "n", count: 4097) })
            }
        }
        #expect(error?.code == .invalidArgument)
        #expect(error?.message == "name is 4097 bytes; at most 4096 are accepted")
    }

    @Test(arguments: [
        [0x0A, 0x02, 0xC3, 0x28],  // field 1, a string whose bytes are not UTF-8
        [0x0A, 0x7F, 0x41],  // field 1 claims 127 bytes, has 1
        [0xFF, 0xFF, 0xFF],  // no valid tag at all
    ] as [[UInt8]])
    func malformedMessagesAreRejectedAndTheServerLives(bytes: [UInt8]) async throws {
        let (server, port) = try await EchoPair.startServer()
        defer { server.stop() }
        try await withGRPCClient(port: port) { client in
            await #expect(throws: RPCError.self) {
                try await client.unary(
                    request: ClientRequest(message: bytes),
                    descriptor: Self.echoMethod,
                    serializer: RawBytesCoder(),
                    deserializer: RawBytesCoder(),
                    options: .defaults
                ) { try $0.message }
            }
            let reply = try await Proto_Echo_EchoService.Client(wrapping: client).echo(.with { $0.name = "after" })
            #expect(reply.message.hasPrefix("Hello, after-san!"))
        }
        #expect(server.process.isRunning)
    }

    @Test func healthCheckAndWatchFollowAGracefulStop() async throws {
        let (server, port) = try await EchoPair.startServer()
        defer { server.stop() }
        try await withGRPCClient(port: port) { client in
            let health = Health.Client(wrapping: client)
            #expect(try await health.check(.with { $0.service = "" }).status == .serving)
            #expect(try await health.check(.with { $0.service = "proto.echo.EchoService" }).status == .serving)
            let unknown = await #expect(throws: RPCError.self) {
                try await health.check(.with { $0.service = "no.such.Service" })
            }
            #expect(unknown?.code == .notFound)

            let seen = try await health.watch(.with { $0.service = "proto.echo.EchoService" }) { response in
                var statuses: [Status] = []
                for try await message in response.messages {
                    statuses.append(message.status)
                    if statuses.count == 1 { server.signal(SIGTERM) }
                }
                return statuses
            }
            #expect(seen == [.serving, .notServing])
        }
        #expect(await server.waitForExit() == 0)
    }

    @Test func aCallInFlightDuringSIGTERMSucceedsAndNewCallsAreRefused() async throws {
        let (server, port) = try await EchoPair.startServer(["ECHO_FAULT_CALL_DELAY": "1"])
        defer { server.stop() }
        try await withGRPCClient(port: port) { client in
            let echo = Proto_Echo_EchoService.Client(wrapping: client)
            async let slow = echo.echo(.with { $0.name = "inflight" })
            try await Task.sleep(for: .milliseconds(300))
            server.signal(SIGTERM)
            _ = try await server.waitForLine(containing: "Received SIGTERM")
            #expect(try await slow.message.hasPrefix("Hello, inflight-san!"))
        }
        #expect(await server.waitForExit() == 0)
        #expect(server.output.contains("Stopped"))
        // Stopped means stopped: nothing listens on the port any more.
        await #expect(throws: RPCError.self) {
            try await withGRPCClient(port: port) { client in
                var options = CallOptions.defaults
                options.timeout = .seconds(1)
                return try await Proto_Echo_EchoService.Client(wrapping: client).echo(.with { $0.name = "late" }, options: options)
            }
        }
    }

    @Test func aPortAlreadyInUseIsAStartUpError() async throws {
        let (first, port) = try await EchoPair.startServer()
        defer { first.stop() }
        let second = try ManagedProcess(
            executable: "echo-server",
            environment: ["PORT": String(port), "BIND_ADDRESS": "127.0.0.1"]
        )
        defer { second.stop() }
        #expect(await second.waitForExit() == 1)
        #expect(second.output.contains("error: port \(port) on 127.0.0.1 is already in use"))
    }

    @Test(arguments: [
        ["PORT": "http"], ["PORT": "70000"], ["TLS_CERT_FILE": "/x.pem"], ["DRAIN_SECONDS": "-1"],
        ["ECHO_FAULT_FAIL_RATE": "2"], ["BIND_ADDRESS": "not-an-address"],
    ])
    func badSettingsAreOneLineErrors(environment: [String: String]) async throws {
        var settings = ["PORT": "0", "BIND_ADDRESS": "127.0.0.1"]
        settings.merge(environment) { $1 }
        let server = try ManagedProcess(executable: "echo-server", environment: settings)
        defer { server.stop() }
        #expect(await server.waitForExit() == 1)
        let errors = server.output.split(separator: "\n").filter { $0.hasPrefix("error: ") }
        #expect(errors.count == 1)
        #expect(errors.first?.contains(environment.keys.first!) == true || errors.first?.contains("BIND_ADDRESS") == true)
    }

    @Test func reflectionListsAndDescribesTheService() async throws {
        let (server, port) = try await EchoPair.startServer()
        defer { server.stop() }
        let answers = try await withGRPCClient(port: port) { client in
            let reflection = Grpc_Reflection_V1_ServerReflection.Client(wrapping: client)
            return try await reflection.serverReflectionInfo(
                requestProducer: { writer in
                    try await writer.write(.with { $0.listServices = "*" })
                    try await writer.write(.with { $0.fileContainingSymbol = "proto.echo.EchoService" })
                    try await writer.write(.with { $0.fileContainingSymbol = "no.such.Thing" })
                }
            ) { response in
                try await response.messages.reduce(into: []) { $0.append($1) }
            }
        }
        #expect(answers.count == 3)
        #expect(answers[0].listServicesResponse.service.map(\.name) == [
            "grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection", "proto.echo.EchoService",
        ])
        let file = try Google_Protobuf_FileDescriptorProto(
            serializedBytes: answers[1].fileDescriptorResponse.fileDescriptorProto[0]
        )
        #expect(file.name == "echo.proto")
        #expect(file.service.first?.method.first?.name == "Echo")
        #expect(answers[2].errorResponse.errorCode == Int32(RPCError.Code.notFound.rawValue))
    }
}
