
/// A registry as REGISTRY= names it: `host[:port][/namespace]`, optionally with a scheme.
///
/// Without a scheme, loopback hosts speak plain HTTP (the test registries) and all others HTTPS.
public struct RegistryEndpoint: Sendable, Equatable, CustomStringConvertible {
    /// scheme://host[:port], no trailing slash.
    public var baseURL: String
    /// host[:port], as registries and skopeo name it.
    public var host: String
    /// Prepended to image names ("team" makes echo-server "team/echo-server").
    public var namespace: String

    public init(parsing text: String) throws {
        var rest = Substring(text)
        var scheme: String?
        for candidate in ["http", "https"] where rest.hasPrefix(candidate + "://") {
            scheme = candidate
            rest = rest.dropFirst(candidate.count + 3)
        }
        while rest.hasSuffix("/") { rest = rest.dropLast() }
        let host = String(rest.prefix { $0 != "/" })
        guard !host.isEmpty else { throw ImageError("REGISTRY must name a host, got '\(text)'") }
        self.host = host
        namespace = String(rest.dropFirst(host.count).drop { $0 == "/" })
        let hostName = host.hasPrefix("[") ? String(host.prefix { $0 != "]" }) + "]" : String(host.prefix { $0 != ":" })
        let isLoopback = hostName == "localhost" || hostName.hasPrefix("127.") || hostName == "[::1]"
        baseURL = "\(scheme ?? (isLoopback ? "http" : "https"))://\(host)"
    }

    /// The repository path of an image in this registry.
    public func repository(for imageName: String) -> String {
        namespace.isEmpty ? imageName : "\(namespace)/\(imageName)"
    }

    public var description: String { baseURL + (namespace.isEmpty ? "" : "/" + namespace) }
}

/// A registry login. `description` never shows the secret.
public struct RegistryCredentials: Sendable, Equatable, CustomStringConvertible {
    public var username: String
    public var password: String

    public init(username: String, password: String) { (self.username, self.password) = (username, password) }

    /// REGISTRY_USERNAME and REGISTRY_PASSWORD from the given environment, nil when unset.
    public static func from(environment: [String: String]) -> RegistryCredentials? {
        guard let username = environment["REGISTRY_USERNAME"], let password = environment["REGISTRY_PASSWORD"] else {
            return nil
        }
        return RegistryCredentials(username: username, password: password)
    }

    public var description: String { "\(username):<redacted>" }
}

/// A registry answer that was not the expected one; `description` is the user's line.
public struct RegistryError: Error, CustomStringConvertible, Sendable, Equatable {
    public var operation: String
    public var status: Int
    /// The OCI error code from the body ("BLOB_UNKNOWN", "UNAUTHORIZED", …) when there was one.
    public var code: String?
    public var message: String

    public var description: String {
        "registry: \(operation) failed: HTTP \(status)" + (code.map { " \($0)" } ?? "")
            + (message.isEmpty ? "" : ": \(message)")
    }
}
