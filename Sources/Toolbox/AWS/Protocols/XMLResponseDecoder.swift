import Foundation

/// Decodes `Decodable` types from an `AWSXML.Element`, the way AWS's Query and EC2 answers are shaped:
/// a property is a child element of the same name; a list is an element whose children (`member`
/// or `item`, whatever their name) are the entries; scalars are element text.
public struct XMLResponseDecoder {
    public init() {}

    public func decode<T: Decodable>(_ type: T.Type, from element: AWSXML.Element) throws -> T {
        try T(from: XMLElementDecoder(element: element, codingPath: []))
    }
}

private struct XMLElementDecoder: Decoder {
    let element: AWSXML.Element
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(KeyedXMLContainer<Key>(element: element, codingPath: codingPath))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        UnkeyedXMLContainer(entries: element.children, codingPath: codingPath)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        SingleXMLValue(element: element, codingPath: codingPath)
    }
}

/// Converts element text into the scalar types responses use.
private func scalar<T: Decodable>(_ type: T.Type, _ element: AWSXML.Element, _ path: [any CodingKey]) throws -> T {
    let text = element.text.trimmingCharacters(in: .whitespacesAndNewlines)
    let value: Any?
    switch type {
    case is String.Type: value = element.text
    case is Bool.Type: value = text == "true" ? true : (text == "false" ? false : nil)
    case is Int.Type: value = Int(text)
    case is Int64.Type: value = Int64(text)
    case is Int32.Type: value = Int32(text)
    case is Double.Type: value = Double(text)
    default: return try T(from: XMLElementDecoder(element: element, codingPath: path))
    }
    guard let typed = value as? T else {
        throw DecodingError.typeMismatch(
            T.self, .init(codingPath: path, debugDescription: "<\(element.name)> holds \"\(text)\""))
    }
    return typed
}

private struct KeyedXMLContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let element: AWSXML.Element
    let codingPath: [any CodingKey]
    var allKeys: [Key] { element.children.compactMap { Key(stringValue: $0.name) } }

    func contains(_ key: Key) -> Bool { element.child(key.stringValue) != nil }

    func decodeNil(forKey key: Key) throws -> Bool { element.child(key.stringValue) == nil }

    private func child(_ key: Key) throws -> AWSXML.Element {
        guard let found = element.child(key.stringValue) else {
            throw DecodingError.keyNotFound(
                key, .init(codingPath: codingPath, debugDescription: "no <\(key.stringValue)> in <\(element.name)>"))
        }
        return found
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try scalar(type, child(key), codingPath + [key])
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        KeyedDecodingContainer(KeyedXMLContainer<NestedKey>(element: try child(key), codingPath: codingPath + [key]))
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        UnkeyedXMLContainer(entries: try child(key).children, codingPath: codingPath + [key])
    }

    func superDecoder() throws -> any Decoder { XMLElementDecoder(element: element, codingPath: codingPath) }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        XMLElementDecoder(element: try child(key), codingPath: codingPath + [key])
    }
}

private struct UnkeyedXMLContainer: UnkeyedDecodingContainer {
    let entries: [AWSXML.Element]
    let codingPath: [any CodingKey]
    var currentIndex = 0
    var count: Int? { entries.count }
    var isAtEnd: Bool { currentIndex >= entries.count }

    private mutating func next() throws -> AWSXML.Element {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(
                AWSXML.Element.self, .init(codingPath: codingPath, debugDescription: "list ended"))
        }
        defer { currentIndex += 1 }
        return entries[currentIndex]
    }

    mutating func decodeNil() throws -> Bool { false }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try scalar(type, next(), codingPath) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        KeyedDecodingContainer(KeyedXMLContainer<NestedKey>(element: try next(), codingPath: codingPath))
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        UnkeyedXMLContainer(entries: try next().children, codingPath: codingPath)
    }

    mutating func superDecoder() throws -> any Decoder {
        XMLElementDecoder(element: try next(), codingPath: codingPath)
    }
}

private struct SingleXMLValue: SingleValueDecodingContainer {
    let element: AWSXML.Element
    let codingPath: [any CodingKey]

    func decodeNil() -> Bool { false }

    func decode<T: Decodable>(_ type: T.Type) throws -> T { try scalar(type, element, codingPath) }
}
