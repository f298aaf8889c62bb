import Foundation

/// scheme://host[:port] of a URL, lowercased: the unit a credential is scoped to, so a login
/// or token given for one registry is never sent to another host or over another scheme.
public enum URLOrigin {
    public static func of(_ url: String) -> String? {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
            let host = components.percentEncodedHost?.lowercased(), !host.isEmpty
        else { return nil }
        let defaultPort = scheme == "https" ? 443 : scheme == "http" ? 80 : nil
        let port = components.port.flatMap { $0 == defaultPort ? nil : $0 }
        let bracketed = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        return "\(scheme)://\(bracketed)" + (port.map { ":\($0)" } ?? "")
    }

    /// True when both URLs have the same scheme, host and port.
    public static func same(_ first: String, _ second: String) -> Bool {
        guard let one = of(first), let other = of(second) else { return false }
        return one == other
    }
}
