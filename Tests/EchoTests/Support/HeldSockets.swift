import Foundation

/// Loopback TCP connections a test opens and holds, idle or with a request only partly sent,
/// as a careless or hostile peer would; all closed by the test (`closeAll`), bounded in count.
final class HeldSockets: @unchecked Sendable {
    private(set) var descriptors: [Int32] = []

    /// Opens `count` connections to 127.0.0.1:`port`, every other one sending `partial` first.
    init(count: Int, port: Int, partial: String) throws {
        precondition(count <= 1000, "a bounded load")
        for index in 0..<count {
            let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard descriptor >= 0 else { throw TestFailure("socket: \(String(cString: strerror(errno)))") }
            descriptors.append(descriptor)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = UInt16(port).bigEndian
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
            guard connected == 0 else { throw TestFailure("connect #\(index): \(String(cString: strerror(errno)))") }
            if index % 2 == 1 {
                let bytes = Array(partial.utf8)
                _ = write(descriptor, bytes, bytes.count)
            }
            _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
        }
    }

    /// How many of the connections the peer has closed (a read sees the end or a reset).
    func closedByPeer() -> Int {
        var buffer = [UInt8](repeating: 0, count: 4096)
        return descriptors.filter { descriptor in
            while true {
                let count = read(descriptor, &buffer, buffer.count)
                if count > 0 { continue }  // e.g. an HTTP/2 GOAWAY before the close
                return count == 0 || (errno != EAGAIN && errno != EWOULDBLOCK)
            }
        }.count
    }

    func closeAll() {
        descriptors.forEach { close($0) }
        descriptors = []
    }
}
