/// The reply of the echo service, word for word the original Go server's, so that clients and
/// demos of either can tell versions and tasks apart.
public enum EchoGreeting {
    /// Names longer than this are refused: the service echoes names, not payloads.
    public static let maximumNameBytes = 4096

    public static func message(name: String, address: String, version: String) -> String {
        "Hello, \(name)-san! (Said \(address), Version \(version))"
    }

    /// The reason a name is refused, or nil when it is acceptable.
    public static func problem(withName name: String) -> String? {
        let size = name.utf8.count
        guard size > maximumNameBytes else { return nil }
        return "name is \(size) bytes; at most \(maximumNameBytes) are accepted"
    }
}
