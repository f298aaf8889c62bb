#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import EchoService

/// A TCP socket bound and listening before the gRPC server takes it over. Binding it ourselves,
/// without SO_REUSEPORT, makes a port already in use a start-up error instead of a second
/// server silently sharing the port's traffic.
struct ListeningSocket {
    let descriptor: Int32
    let port: Int

    static func bind(host: String, port: Int) throws(ConfigurationError) -> ListeningSocket {
        var hints = addrinfo()
        hints.ai_flags = AI_NUMERICHOST | AI_PASSIVE
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var found: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &found) == 0, let address = found else {
            throw ConfigurationError("BIND_ADDRESS '\(host)' is not a numeric IPv4 or IPv6 address")
        }
        defer { freeaddrinfo(found) }

        let descriptor = socket(address.pointee.ai_family, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw ConfigurationError("cannot create a socket: \(reason())") }
        var on: Int32 = 1
        // SO_REUSEADDR only allows reuse of TIME_WAIT leftovers, never a port with a live listener.
        setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &on, socklen_t(MemoryLayout<Int32>.size))
        // Accepted connections inherit TCP_NODELAY from the listener as the kernel accepts them, and
        // it accepts from listen() on: set here, not later by NIO, or a client connecting during
        // start-up keeps Nagle's algorithm and waits out the peer's delayed ACK (40 ms) per answer.
        setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &on, socklen_t(MemoryLayout<Int32>.size))
        guard Glibc.bind(descriptor, address.pointee.ai_addr, address.pointee.ai_addrlen) == 0 else {
            let why = errno == EADDRINUSE ? "is already in use" : "cannot be bound (\(reason()))"
            close(descriptor)
            throw ConfigurationError("port \(port) on \(host) \(why)")
        }
        guard listen(descriptor, 1024) == 0 else {
            close(descriptor)
            throw ConfigurationError("cannot listen on \(host):\(port): \(reason())")
        }
        return ListeningSocket(descriptor: descriptor, port: boundPort(descriptor) ?? port)
    }

    private static func boundPort(_ descriptor: Int32) -> Int? {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let ok = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) == 0 }
        }
        guard ok else { return nil }
        let family = Int32(storage.ss_family)
        return withUnsafePointer(to: &storage) { pointer in
            if family == AF_INET {
                return pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { Int(UInt16(bigEndian: $0.pointee.sin_port)) }
            }
            return pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { Int(UInt16(bigEndian: $0.pointee.sin6_port)) }
        }
    }

    private static func reason() -> String { String(cString: strerror(errno)) }
}
