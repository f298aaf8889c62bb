
/// A parsed `WWW-Authenticate` header: the scheme (Basic, Bearer) and its parameters.
public struct AuthenticationChallenge: Sendable, Equatable {
    public var scheme: String
    public var parameters: [String: String]

    /// Parses `Scheme key=value, key="quoted, value"`; keys are lowercased, quotes removed.
    public init?(header: String) {
        let trimmed = header.drop { $0 == " " }
        guard let schemeEnd = trimmed.firstIndex(of: " ") ?? (trimmed.isEmpty ? nil : trimmed.endIndex) else {
            return nil
        }
        scheme = String(trimmed[..<schemeEnd])
        parameters = [:]
        var rest = Substring(trimmed[schemeEnd...])
        while true {
            rest = rest.drop { $0 == " " || $0 == "," }
            guard let equals = rest.firstIndex(of: "=") else { break }
            let key = rest[..<equals].trimmingSpaces().lowercased()
            rest = rest[rest.index(after: equals)...]
            var value = ""
            if rest.first == "\"" {
                rest = rest.dropFirst()
                var escaped = false
                while let character = rest.first {
                    rest = rest.dropFirst()
                    if escaped {
                        value.append(character); escaped = false
                    } else if character == "\\" {
                        escaped = true
                    } else if character == "\"" {
                        break
                    } else {
                        value.append(character)
                    }
                }
            } else {
                let end = rest.firstIndex(of: ",") ?? rest.endIndex
                value = rest[..<end].trimmingSpaces()
                rest = rest[end...]
            }
            parameters[key] = value
        }
    }
}

extension Substring {
    fileprivate func trimmingSpaces() -> String {
        String(String(drop(while: { $0 == " " }).reversed()).drop(while: { $0 == " " }).reversed())
    }
}
