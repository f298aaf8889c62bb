/// The environment variables through which a caller (the front service's tasks) is told how to
/// reach a routed service: its address behind the router and, when the router speaks TLS, the
/// name to verify and the CA to trust. The service declares the names; the platform the values.
public struct CallerEnvironment: Sendable, Codable, Equatable {
    /// `host:port` of the routed service behind the virtual router.
    public var addressKey: String
    /// The name the caller verifies in the router's certificate.
    public var tlsServerNameKey: String?
    /// The PEM of the CA the caller trusts for that certificate.
    public var tlsCAKey: String?
    /// The header a caller passes on as metadata so that the test route can match it.
    public var canaryHeaderKey: String?

    public init(addressKey: String, tlsServerNameKey: String? = nil, tlsCAKey: String? = nil, canaryHeaderKey: String? = nil) {
        self.addressKey = addressKey
        self.tlsServerNameKey = tlsServerNameKey
        self.tlsCAKey = tlsCAKey
        self.canaryHeaderKey = canaryHeaderKey
    }

    /// The variables for a caller, with the optional ones only where both the key and a value exist.
    public func values(address: String, tlsServerName: String? = nil, tlsCA: String? = nil, canaryHeader: String? = nil) -> [String: String] {
        var values = [addressKey: address]
        if let key = tlsServerNameKey, let name = tlsServerName { values[key] = name }
        if let key = tlsCAKey, let ca = tlsCA { values[key] = ca }
        if let key = canaryHeaderKey, let header = canaryHeader { values[key] = header }
        return values
    }
}
