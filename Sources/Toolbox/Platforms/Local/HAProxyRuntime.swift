import Foundation
import ToolboxCore

/// HAProxy's runtime API over its admin socket: weights, servers added and removed, and the
/// statistics that tell health and traffic. One connection per request, as HAProxy expects.
struct HAProxyRuntime: Sendable {
    /// One row of `show stat`: a frontend, a backend or a server.
    struct StatRow: Sendable {
        var fields: [String: String]
        var proxy: String { fields["pxname"] ?? "" }
        var server: String { fields["svname"] ?? "" }
        var status: String { fields["status"] ?? "" }
        var checkStatus: String { fields["check_status"] ?? "" }
        var currentSessions: Int { Int(fields["scur"] ?? "") ?? 0 }
        var totalSessions: UInt64 { UInt64(fields["stot"] ?? "") ?? 0 }
        var serverID: Int? { Int(fields["sid"] ?? "") }
        /// Answers with an HTTP 5xx status from this server, or made by HAProxy for it.
        var serverErrors: UInt64 { UInt64(fields["hrsp_5xx"] ?? "") ?? 0 }
        var isUp: Bool { status == "UP" || status == "DRAIN" }
    }

    let socketPath: String
    static let ioTimeoutSeconds = 10

    /// Sends commands in one line (`;`-separated, applied in order) and returns the answer.
    @discardableResult
    func send(_ commands: [String]) throws(ToolboxError) -> String {
        // HAProxy splits a line at ';' itself: a command carrying one would smuggle in another.
        for command in commands { try NameRules.runtimeCommand(command) }
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw ToolboxError("cannot create a socket for HAProxy's runtime API") }
        defer { close(descriptor) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let pathBytes = Array(socketPath.utf8)
        guard pathBytes.count < MemoryLayout.size(ofValue: address.sun_path) else {
            throw ToolboxError.refused("HAProxy's socket path is too long for a unix socket: \(socketPath); set TOOLBOX_DIR to a shorter path")
        }
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            buffer.copyBytes(from: pathBytes)
        }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        // A wedged HAProxy must not hang a toolbox command: every read and write is bounded.
        var timeout = timeval(tv_sec: Self.ioTimeoutSeconds, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        guard connected == 0 else {
            throw ToolboxError("HAProxy is not answering on \(socketPath) (\(String(cString: strerror(errno)))); run make build-infra")
        }
        let line = Array((commands.joined(separator: "; ") + "\n").utf8)
        var sent = 0
        repeat { sent = write(descriptor, line, line.count) } while sent < 0 && errno == EINTR
        guard sent == line.count else {
            throw ToolboxError("cannot send to HAProxy's runtime API")
        }
        var answer: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = read(descriptor, &buffer, buffer.count)
            // With a receive timeout set, Linux does not restart a read stopped by SIGSTOP.
            if count < 0 && errno == EINTR { continue }
            if count < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) {
                throw ToolboxError("HAProxy did not answer on \(socketPath) within \(Self.ioTimeoutSeconds)s")
            }
            if count <= 0 { break }
            answer += buffer[0..<count]
        }
        return String(decoding: answer, as: UTF8.self)
    }

    /// `show stat` as rows keyed by the CSV header's names.
    func stats() throws(ToolboxError) -> [StatRow] {
        let text = try send(["show stat"])
        var lines = text.split(separator: "\n")
        guard let header = lines.first, header.hasPrefix("# ") else {
            throw ToolboxError("unexpected answer to HAProxy's show stat: \(text.prefix(120))")
        }
        let names = header.dropFirst(2).split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        lines.removeFirst()
        return lines.map { line in
            let values = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            return StatRow(fields: Dictionary(zip(names, values), uniquingKeysWith: { first, _ in first }))
        }
    }

    /// A stick table of per-server counters, `gpc0` by server id (`show table`).
    func counters(inTable table: String) throws(ToolboxError) -> [Int: UInt64] {
        var counters: [Int: UInt64] = [:]
        for line in try send(["show table \(table)"]).split(separator: "\n") where !line.hasPrefix("#") {
            let fields = Dictionary(line.split(separator: " ").compactMap { field -> (String, String)? in
                let parts = field.split(separator: "=", maxSplits: 1)
                return parts.count == 2 ? (String(parts[0]), String(parts[1])) : nil
            }, uniquingKeysWith: { first, _ in first })
            if let key = fields["key"].flatMap({ Int($0) }), let count = fields["gpc0"].flatMap({ UInt64($0) }) {
                counters[key] = count
            }
        }
        return counters
    }

    /// The server rows of one backend.
    func servers(of backend: String) throws(ToolboxError) -> [StatRow] {
        try stats().filter { $0.proxy == backend && $0.server != "BACKEND" && $0.server != "FRONTEND" }
    }
}
