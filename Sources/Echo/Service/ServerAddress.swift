#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The address the server reports in its replies ("Said <address>"), chosen once at start-up:
/// the original asked the OS on every call, which cost about half of its CPU per request.
public enum ServerAddress {
    /// One address of a local interface.
    public struct Interface: Equatable, Sendable {
        public var address: String
        public var isIPv4: Bool
        public var isLoopback: Bool

        public init(address: String, isIPv4: Bool, isLoopback: Bool) {
            self.address = address
            self.isIPv4 = isIPv4
            self.isLoopback = isLoopback
        }
    }

    /// The bound address when the server is bound to a specific one, else the first
    /// non-loopback IPv4, else the first address of any kind, else "unknown".
    public static func choose(boundHost: String?, interfaces: [Interface]) -> String {
        if let boundHost, !isWildcard(boundHost) {
            return boundHost
        }
        if let external = interfaces.first(where: { $0.isIPv4 && !$0.isLoopback }) {
            return external.address
        }
        return interfaces.first?.address ?? "unknown"
    }

    static func isWildcard(_ host: String) -> Bool {
        host.isEmpty || host == "0.0.0.0" || host == "::" || host == "[::]"
    }

    /// The machine's interface addresses, in the order the OS lists them.
    public static func localInterfaces() -> [Interface] {
        var head: UnsafeMutablePointer<ifaddrs>?
        guard getifaddrs(&head) == 0 else { return [] }
        defer { freeifaddrs(head) }
        var found: [Interface] = []
        var cursor = head
        while let entry = cursor {
            defer { cursor = entry.pointee.ifa_next }
            guard let socketAddress = entry.pointee.ifa_addr else { continue }
            let family = Int32(socketAddress.pointee.sa_family)
            guard family == AF_INET || family == AF_INET6 else { continue }
            guard let text = numericHost(socketAddress, family: family) else { continue }
            let isLoopback = (Int32(entry.pointee.ifa_flags) & Int32(IFF_LOOPBACK)) != 0
            found.append(Interface(address: text, isIPv4: family == AF_INET, isLoopback: isLoopback))
        }
        return found
    }

    private static func numericHost(_ address: UnsafeMutablePointer<sockaddr>, family: Int32) -> String? {
        let length = socklen_t(family == AF_INET ? MemoryLayout<sockaddr_in>.size : MemoryLayout<sockaddr_in6>.size)
        var buffer = [CChar](repeating: 0, count: Int(NI_MAXHOST))
        guard getnameinfo(address, length, &buffer, socklen_t(buffer.count), nil, 0, NI_NUMERICHOST) == 0 else {
            return nil
        }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
