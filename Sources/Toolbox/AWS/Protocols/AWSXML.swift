import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// A small XML reader for the Query and EC2 answers: elements with names, text and children,
/// namespaces and attributes dropped (AWS answers carry no meaning in them).
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

    /// Parses a whole document; nil when it is not well-formed XML.
    public static func parse(_ bytes: [UInt8]) -> Element? {
        let builder = TreeBuilder()
        let parser = XMLParser(data: Data(bytes))
        parser.delegate = builder
        guard parser.parse(), let root = builder.root else { return nil }
        return root
    }

    private final class TreeBuilder: NSObject, XMLParserDelegate {
        var stack: [Element] = []
        var root: Element?

        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            let local = elementName.split(separator: ":").last.map(String.init) ?? elementName
            stack.append(Element(name: local))
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            guard !stack.isEmpty else { return }
            stack[stack.count - 1].text += string
        }

        func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
            guard !stack.isEmpty else { return }
            stack[stack.count - 1].text += String(decoding: CDATABlock, as: UTF8.self)
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
            guard var finished = stack.popLast() else { return }
            // Whitespace between child elements is layout, not content.
            if !finished.children.isEmpty { finished.text = finished.text.trimmingCharacters(in: .whitespacesAndNewlines) }
            if stack.isEmpty { root = finished } else { stack[stack.count - 1].children.append(finished) }
        }
    }
}
