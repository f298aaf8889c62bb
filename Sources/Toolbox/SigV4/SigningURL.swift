
/// The parts of a request URL that signing reads, split without re-encoding anything.
struct SigningURL {
    var scheme: String
    /// Host and port as the URL gives them.
    var authority: String
    /// The path as it appears in the URL (already percent-encoded), "/" when empty.
    var path: String
    /// The query as it appears in the URL, without the `?`.
    var query: String

    init(_ url: String) {
        var rest = Substring(url)
        if let fragment = rest.firstIndex(of: "#") { rest = rest[..<fragment] }
        if let range = rest.range(of: "://") {
            scheme = rest[..<range.lowerBound].lowercased()
            rest = rest[range.upperBound...]
        } else {
            scheme = "https"
        }
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
        authority = String(rest[..<authorityEnd])
        rest = rest[authorityEnd...]
        if let question = rest.firstIndex(of: "?") {
            path = String(rest[..<question])
            query = String(rest[rest.index(after: question)...])
        } else {
            path = String(rest)
            query = ""
        }
        if path.isEmpty { path = "/" }
    }

    /// The Host header an HTTP client sends: the authority lower-cased, without user info and without a
    /// default port.
    var hostHeader: String {
        var host = Substring(authority)
        if let at = host.lastIndex(of: "@") { host = host[host.index(after: at)...] }
        if scheme == "https", host.hasSuffix(":443") { host = host.dropLast(4) }
        if scheme == "http", host.hasSuffix(":80") { host = host.dropLast(3) }
        return host.lowercased()
    }
}
