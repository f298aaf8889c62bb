import EchoClientCore
import EchoService
import Testing

/// The client's HTTP front run in process (EchoHTTPServer), calling a real echo service over
/// loopback gRPC: no echo-client executable.
@Suite struct EchoRoutesTests {
    @Test func aNameIsAnsweredInTheOriginalFormatAndPingIsPong() async throws {
        try await withInProcessServer(services: [EchoServiceProvider(address: "10.0.0.7", version: "9.9")]) { port in
            try await withInProcessFront(serverPort: port) { front in
                let reply = try await EchoPair.exchange(port: front, path: "/?name=x")
                #expect(reply.status == 200)
                #expect(reply.body == "Response from the server: Hello, x-san! (Said 10.0.0.7, Version 9.9)")
                #expect(reply.contentType == "text/plain; charset=utf-8")
                let pong = try await EchoPair.get(port: front, path: "/ping")
                #expect(pong.status == 200 && pong.body == "pong\n")
            }
        }
    }

    @Test func otherPathsAndMethodsAreRefusedInOneLine() async throws {
        try await withInProcessServer(services: [EchoServiceProvider(address: "10.0.0.7", version: "9.9")]) { port in
            try await withInProcessFront(serverPort: port) { front in
                let missing = try await EchoPair.get(port: front, path: "/nowhere")
                #expect(missing.status == 404 && missing.body == "not found: the routes are GET /?name=X and GET /ping\n")
                let posted = try await EchoPair.exchange(port: front, path: "/?name=x", method: "POST")
                #expect(posted.status == 405 && posted.body == "method not allowed: use GET\n")
            }
        }
    }

    @Test func pipelinedRequestsAreAnsweredInOrder() async throws {
        try await withInProcessServer(services: [EchoServiceProvider(address: "10.0.0.7", version: "9.9")]) { port in
            try await withInProcessFront(serverPort: port) { front in
                // Three requests in one write; the answers must come back in the order asked.
                let script = """
                    import socket
                    s = socket.create_connection(("127.0.0.1", \(front)), timeout=5)
                    s.sendall(b"".join(b"GET /?name=" + n + b" HTTP/1.1\\r\\nHost: t\\r\\n\\r\\n" for n in [b"a", b"bb", b"c"]))
                    data = b""
                    while data.count(b"-san!") < 3:
                        chunk = s.recv(4096)
                        if not chunk: break
                        data += chunk
                    print(" ".join(part.split(b"-san!")[0].decode() for part in data.split(b"Hello, ")[1:]))
                    """
                let (status, printed) = try await runPython(["-c", script])
                #expect(status == 0)
                #expect(printed == "a bb c\n")
            }
        }
    }

    @Test func aNameTheServerRefusesIsABadRequest() async throws {
        try await withInProcessServer(services: [EchoServiceProvider(address: "10.0.0.7", version: "9.9")]) { port in
            try await withInProcessFront(serverPort: port) { front in
                let reply = try await EchoPair.get(port: front, path: "/?name=" + String(repeating: "n", count: 4097))
                #expect(reply.status == 400)
                #expect(reply.body == "bad request: name is 4097 bytes; at most 4096 are accepted\n")
            }
        }
    }

    @Test func aServerSlowerThanTheTimeoutIsA503NamingIt() async throws {
        // Three times the deadline; the server's graceful stop at the end waits the call out.
        let slow = FaultInjection(callDelaySeconds: 1.5)
        try await withInProcessServer(services: [EchoServiceProvider(address: "10.0.0.7", version: "9.9", faults: slow)]) { port in
            try await withInProcessFront(serverPort: port, ["ECHO_TIMEOUT": "0.5"]) { front in
                let reply = try await EchoPair.get(port: front, path: "/?name=x")
                #expect(reply.status == 503)
                #expect(reply.body == "echo server did not answer within 0.5s\n")
            }
        }
    }
}
