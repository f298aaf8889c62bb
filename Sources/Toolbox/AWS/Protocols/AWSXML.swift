
/// A small XML reader for the Query and EC2 answers: elements with names, text and children.
/// Namespaces, attributes, comments and processing instructions carry no meaning in AWS answers
/// and are dropped.
///
/// Written by hand rather than on Foundation's XMLParser: that one drags libxml2 and the system
/// ICU into every process that talks to AWS, which costs several milliseconds at each start.
public enum AWSXML {
    public struct Element: Sendable, Equatable {
        public var name: String
        public var text: String
        public var children: [Element]

        public init(name: String, text: String = "", children: [Element] = []) {
            self.name = name
            self.text = text
            self.children = children
        }

        /// The first child called `name`.
        public func child(_ name: String) -> Element? { children.first { $0.name == name } }

        /// The first element called `name` anywhere below this one (depth first).
        public func descendant(_ name: String) -> Element? {
            for child in children {
                if child.name == name { return child }
                if let found = child.descendant(name) { return found }
            }
            return nil
        }
    }

    /// Parses a whole document; nil when it is not well-formed enough to read.
    public static func parse(_ bytes: [UInt8]) -> Element? {
        var reader = XMLByteReader(bytes: bytes)
        return reader.document()
    }
}

/// A recursive-descent reader over the document's UTF-8 bytes.
private struct XMLByteReader {
    let bytes: [UInt8]
    var index = 0

    init(bytes: [UInt8]) { self.bytes = bytes }

    mutating func document() -> AWSXML.Element? {
        while true {
            skipWhitespace()
            if lookingAt("<?") {
                skip(past: "?>")
            } else if lookingAt("<!") {
                skipDeclarationOrComment()
            } else {
                break
            }
        }
        guard index < bytes.count, bytes[index] == UInt8(ascii: "<") else { return nil }
        return element()
    }

    /// One element, the reader at its `<`.
    private mutating func element() -> AWSXML.Element? {
        index += 1
        let nameStart = index
        while index < bytes.count, !isNameEnd(bytes[index]) { index += 1 }
        let qualified = String(decoding: bytes[nameStart..<index], as: UTF8.self)
        let name = qualified.split(separator: ":").last.map(String.init) ?? qualified
        guard skipAttributes() else { return nil }
        if bytes[index] == UInt8(ascii: "/") {
            index += 2  // "/>"
            return AWSXML.Element(name: name)
        }
        index += 1  // ">"
        var text: [UInt8] = []
        var children: [AWSXML.Element] = []
        while index < bytes.count {
            if bytes[index] != UInt8(ascii: "<") {
                let start = index
                while index < bytes.count, bytes[index] != UInt8(ascii: "<") { index += 1 }
                text += decodeEntities(bytes[start..<index])
            } else if lookingAt("</") {
                skip(past: ">")
                var value = String(decoding: text, as: UTF8.self)
                // Whitespace between child elements is layout, not content.
                if !children.isEmpty { value = value.trimmingXMLWhitespace() }
                return AWSXML.Element(name: name, text: value, children: children)
            } else if lookingAt("<![CDATA[") {
                index += 9
                let start = index
                skip(past: "]]>")
                text += bytes[start..<max(start, index - 3)]
            } else if lookingAt("<!") {
                skipDeclarationOrComment()
            } else if lookingAt("<?") {
                skip(past: "?>")
            } else {
                guard let child = element() else { return nil }
                children.append(child)
            }
        }
        return nil
    }

    /// Moves past attributes to the `>` or `/>` that ends the start tag; quoted values may hold `>`.
    private mutating func skipAttributes() -> Bool {
        var quote: UInt8?
        while index < bytes.count {
            let byte = bytes[index]
            if let open = quote {
                if byte == open { quote = nil }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: ">") || lookingAt("/>") {
                return true
            }
            index += 1
        }
        return false
    }

    private mutating func skipDeclarationOrComment() {
        if lookingAt("<!--") { skip(past: "-->") } else { skip(past: ">") }
    }

    private func lookingAt(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        return literal.withUTF8Buffer { pattern in
            (0..<count).allSatisfy { bytes[index + $0] == pattern[$0] }
        }
    }

    private mutating func skip(past literal: StaticString) {
        while index < bytes.count, !lookingAt(literal) { index += 1 }
        index = min(bytes.count, index + literal.utf8CodeUnitCount)
    }

    private mutating func skipWhitespace() {
        while index < bytes.count, isWhitespace(bytes[index]) { index += 1 }
    }

    private func isWhitespace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
            || byte == UInt8(ascii: "\t")
    }

    private func isNameEnd(_ byte: UInt8) -> Bool {
        isWhitespace(byte) || byte == UInt8(ascii: "/") || byte == UInt8(ascii: ">")
    }
}

/// Replaces the five predefined entities and numeric character references; unknown ones stay as written.
private func decodeEntities(_ raw: ArraySlice<UInt8>) -> [UInt8] {
    guard raw.contains(UInt8(ascii: "&")) else { return Array(raw) }
    var output: [UInt8] = []
    output.reserveCapacity(raw.count)
    var index = raw.startIndex
    while index < raw.endIndex {
        guard raw[index] == UInt8(ascii: "&"), let end = raw[index...].firstIndex(of: UInt8(ascii: ";")) else {
            output.append(raw[index])
            index += 1
            continue
        }
        let entity = String(decoding: raw[(index + 1)..<end], as: UTF8.self)
        let named: [String: String] = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'"]
        var scalar: Unicode.Scalar?
        if let replacement = named[entity] {
            scalar = replacement.unicodeScalars.first
        } else if entity.hasPrefix("#x") || entity.hasPrefix("#X") {
            scalar = UInt32(entity.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
        } else if entity.hasPrefix("#") {
            scalar = UInt32(entity.dropFirst(1)).flatMap(Unicode.Scalar.init)
        }
        if let scalar {
            output += Array(String(Character(scalar)).utf8)
            index = end + 1
        } else {
            output.append(raw[index])
            index += 1
        }
    }
    return output
}

extension String {
    fileprivate func trimmingXMLWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t" || $0 == "\r\n" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
