import Foundation
import ToolboxSigV4

/// The configuration of the toolbox's own HAProxy: the public HTTP load balancer in front of
/// the client tasks and the h2c virtual service in front of the server revisions. Servers
/// are written into it as the state has them, so a restarted HAProxy comes back as it was;
/// changes while it runs go through the runtime API, never a restart.
struct HAProxyConfig {
    struct Server {
        var name: String
        var address: String
        var port: Int
        var weight: Int
    }

    var socketPath: String
    var publicAddress: String
    var publicPort: Int
    var virtualServiceAddress: String
    var virtualServicePort: Int
    var clientBackend: String
    var serverBackend: String
    var clientHealthPath: String
    var grpcServiceName: String
    var clientServers: [Server] = []
    var serverServers: [Server] = []
    /// Calls carrying this header go to the test backend while it has a server up.
    var canaryHeader = "x-canary"
    /// The test route's servers: the staged revision's tasks, or none.
    var testServers: [Server] = []

    var testBackend: String { Self.testBackend(of: serverBackend) }
    static func testBackend(of backend: String) -> String { "\(backend)_test" }

    /// Options of a gRPC server line, shared by the file and by `add server` at run time
    /// (servers added at run time inherit nothing from default-server).
    static let grpcServerOptions = "proto h2 check inter 500ms fall 2 rise 2"
    static let httpServerOptions = "check inter 1s fall 3 rise 2"
    /// The stick table counting, per server id, the calls each task answered with a gRPC error.
    static let callFailuresTable = "call_failures"

    func render() -> String {
        let probe = Digest.hex(GRPCHealthProbe.request(service: grpcServiceName))
        let serving = Digest.hex(GRPCHealthProbe.servingResponse)
        var lines = [
            "# Written by the toolbox from .toolbox state; changes at run time go through the runtime API.",
            "global",
            "    master-worker",
            // Single-quoted: HAProxy takes everything up to the next quote literally, so a space
            // or '#' in the project path stays part of it (NameRules refuses a quote in it).
            "    stats socket '\(socketPath)' mode 600 level admin",
            "    maxconn 8192",
            "",
            "defaults",
            "    mode http",
            "    timeout connect 2s",
            "    timeout client 60s",
            "    timeout server 30s",
            "    timeout http-request 10s",
            // A check answered late on a busy machine is not a dead task: without this the
            // check's timeout is its interval (500 ms), and a loaded host marks healthy tasks DOWN.
            "    timeout check 2s",
            "",
            "frontend public",
            "    bind \(publicAddress):\(publicPort)",
            "    default_backend \(clientBackend)",
            "",
            "backend \(clientBackend)",
            "    balance roundrobin",
            "    option httpchk GET \(clientHealthPath)",
            "    http-check expect status 200",
            // A client task stopping mid-request is retried on another one: GET is idempotent.
            "    retries 3",
            "    option redispatch 1",
            "    retry-on conn-failure empty-response response-timeout",
        ]
        lines += clientServers.map { "    server \($0.name) \($0.address):\($0.port) \(Self.httpServerOptions) weight \($0.weight)" }
        lines += [
            "",
            "frontend virtual_service",
            "    bind \(virtualServiceAddress):\(virtualServicePort) proto h2",
            // The test route: a call with the header goes to the staged revision alone, while
            // the test backend has a server up; every other call follows the weights.
            "    use_backend \(testBackend) if { req.hdr(\(canaryHeader)) -m found } { nbsrv(\(testBackend)) gt 0 }",
            "    default_backend \(serverBackend)",
            "",
            "backend \(testBackend)",
            "    balance roundrobin",
            "    option tcp-check",
            "    tcp-check send-binary \(probe)",
            "    tcp-check expect binary \(serving)",
            // gRPC errors travel as HTTP 200, so HAProxy's status counters miss them; a failed
            // unary call is a headers-only answer whose grpc-status is not 0, counted here per
            // task for the rollout's error-rate gate.
            "backend \(Self.callFailuresTable)",
            "    stick-table type integer size 1k store gpc0",
            "",
            "backend \(serverBackend)",
            "    acl call_failed res.hdr(grpc-status) -m found",
            "    acl call_ok res.hdr(grpc-status) -m str 0",
            "    http-response track-sc0 srv_id table \(Self.callFailuresTable) if call_failed !call_ok",
            "    http-response sc-inc-gpc0(0) if call_failed !call_ok",
            // Per-request balancing over shared connections: one client channel follows the weights.
            "    balance roundrobin",
            "    http-reuse always",
            // Calls that never reached a task (refused, reset, empty) are replayed on another
            // task. This replays calls, which is right for Echo because it is idempotent.
            "    retries 3",
            "    option redispatch 1",
            "    retry-on conn-failure empty-response response-timeout",
            // grpc.health.v1 Check of \(grpcServiceName), hand-built HTTP/2 (see GRPCHealthProbe).
            "    option tcp-check",
            "    tcp-check send-binary \(probe)",
            "    tcp-check expect binary \(serving)",
        ]
        lines += serverServers.map { "    server \($0.name) \($0.address):\($0.port) \(Self.grpcServerOptions) weight \($0.weight)" }
        let testLines = testServers.map { "    server \($0.name) \($0.address):\($0.port) \(Self.grpcServerOptions) weight 1" }
        if let index = lines.firstIndex(of: "backend \(testBackend)") { lines.insert(contentsOf: testLines, at: index + 5) }
        return lines.joined(separator: "\n") + "\n"
    }
}
