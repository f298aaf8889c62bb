/// Where an echo executable listens: `BIND_ADDRESS` (default 0.0.0.0) and `PORT` (0 picks a free one).
public struct ListenAddress: Sendable {
    public var host: String
    public var port: Int

    public init(environment: [String: String], defaultPort: Int) throws(ConfigurationError) {
        host = environment["BIND_ADDRESS"].flatMap { $0.isEmpty ? nil : $0 } ?? "0.0.0.0"
        port = defaultPort
        if let text = environment["PORT"] {
            guard let port = Int(text), (0...65535).contains(port) else {
                throw ConfigurationError("PORT must be a port number from 0 to 65535, got '\(text)'")
            }
            self.port = port
        }
    }
}
