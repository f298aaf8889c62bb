import Foundation
import ToolboxSigV4

/// Flattens an `Encodable` input into the form parameters of AWS Query (`Name.member.1`) or
/// EC2 Query (`Name.1`). Property names are the wire names (via CodingKeys where Swift's differ).
public enum QueryEncoder {
    public enum ListStyle: Sendable { case member, ec2 }

    /// The parameters, sorted by name so bodies are reproducible.
    public static func parameters(_ input: some Encodable, style: ListStyle) throws -> [(String, String)] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let value = try JSONDecoder().decode(JSONValue.self, from: encoder.encode(input))
        var output: [(String, String)] = []
        flatten(value, prefix: "", style: style, into: &output)
        return output
    }

    /// The whole form body: `Action`, `Version`, then the input's parameters.
    public static func body(action: String, version: String, input: some Encodable, style: ListStyle) throws -> String {
        URIEncoding.formBody([("Action", action), ("Version", version)] + (try parameters(input, style: style)))
    }

    private static func flatten(
        _ value: JSONValue, prefix: String, style: ListStyle, into output: inout [(String, String)]
    ) {
        func join(_ name: String) -> String { prefix.isEmpty ? name : prefix + "." + name }
        switch value {
        case .null: break
        case .bool(let flag): output.append((prefix, flag ? "true" : "false"))
        case .integer(let number): output.append((prefix, String(number)))
        case .number(let number): output.append((prefix, String(number)))
        case .string(let text): output.append((prefix, text))
        case .object(let members):
            for (name, member) in members.sorted(by: { $0.key < $1.key }) {
                flatten(member, prefix: join(name), style: style, into: &output)
            }
        case .array(let entries):
            // An empty list is sent as `Name=` in Query (it clears the list); EC2 omits it.
            if entries.isEmpty, style == .member { output.append((prefix, "")) }
            for (index, entry) in entries.enumerated() {
                let name = style == .member ? join("member.\(index + 1)") : join("\(index + 1)")
                flatten(entry, prefix: name, style: style, into: &output)
            }
        }
    }
}

/// Any JSON value, as the intermediate form between `Encodable` and flat parameters.
enum JSONValue: Decodable {
    case null, bool(Bool), integer(Int64), number(Double), string(String)
    case array([JSONValue]), object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let flag = try? container.decode(Bool.self) {
            self = .bool(flag)
        } else if let number = try? container.decode(Int64.self) {
            self = .integer(number)
        } else if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else if let text = try? container.decode(String.self) {
            self = .string(text)
        } else if let entries = try? container.decode([JSONValue].self) {
            self = .array(entries)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }
}
