
/// An image in the local store or a registry repository: `name:tag` (e.g. "echo-server:0.9-1a2b3c4").
public struct ImageReference: Hashable, Sendable, CustomStringConvertible {
    public var name: String
    public var tag: String

    public init(name: String, tag: String) { (self.name, self.tag) = (name, tag) }

    /// Parses `name:tag`; the name may contain slashes, the tag may not.
    public init(parsing text: String) throws {
        guard let colon = text.lastIndex(of: ":"), !text[text.index(after: colon)...].contains("/") else {
            throw ImageError("expected name:tag, got \(text)")
        }
        self.init(name: String(text[..<colon]), tag: String(text[text.index(after: colon)...]))
        guard Self.isValidName(name), Self.isValidTag(tag) else { throw ImageError("invalid image reference \(text)") }
    }

    public var description: String { "\(name):\(tag)" }

    /// Registry tags: 1-128 of [A-Za-z0-9_.-], not starting with '.' or '-'.
    public static func isValidTag(_ tag: String) -> Bool {
        guard let first = tag.first, first != ".", first != "-", tag.count <= 128 else { return false }
        return tag.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "_.-".contains($0)) }
    }

    /// Repository names: lowercase components of [a-z0-9._-] separated by '/'.
    public static func isValidName(_ name: String) -> Bool {
        let components = name.split(separator: "/", omittingEmptySubsequences: false)
        return !components.isEmpty
            && components.allSatisfy { component in
                !component.isEmpty && component.first != "." && !component.contains("..")
                    && component.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || "._-".contains($0)) }
            }
    }
}
