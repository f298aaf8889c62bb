import Foundation
import ToolboxHTTP
import ToolboxSigV4

/// An operation's output when AWS answers with nothing of interest.
public struct AWSEmptyOutput: Codable, Sendable, Equatable {
    public init() {}
}

/// An operation's input when it takes no parameters.
public struct AWSEmptyInput: Codable, Sendable, Equatable {
    public init() {}
}

extension AWSClient {
    /// JSON 1.1 (ECS, ECR, Cloud Map, Logs, ACM): POST `/`, the operation in `X-Amz-Target`.
    public func json<Output: Decodable>(
        _ service: AWSService, _ operation: String, _ input: some Encodable, as output: Output.Type = Output.self
    ) async throws -> Output {
        guard case .json(let targetPrefix) = service.wireProtocol else {
            preconditionFailure("\(service.name) is not JSON")
        }
        let request = HTTPRequest(
            method: "POST", url: "/",
            headers: [
                (name: "Content-Type", value: "application/x-amz-json-1.1"),
                (name: "X-Amz-Target", value: "\(targetPrefix).\(operation)"),
            ],
            body: try Self.encodeJSON(input))
        let response = try await send(request, service: service, operation: operation)
        return try Self.decodeJSON(Output.self, response.body, service: service, operation: operation)
    }

    /// REST-JSON (App Mesh): the operation is a method on a path; the body is JSON when there is one.
    public func restJSON<Output: Decodable>(
        _ service: AWSService, _ operation: String, method: String, path: String, query: [(String, String)] = [],
        body: (some Encodable)? = AWSEmptyInput?.none, as output: Output.Type = Output.self
    ) async throws -> Output {
        var url = path
        if !query.isEmpty { url += "?" + URIEncoding.formBody(query) }
        var request = HTTPRequest(method: method, url: url)
        if let body {
            request.headers.append((name: "Content-Type", value: "application/json"))
            request.body = try Self.encodeJSON(body)
        }
        let response = try await send(request, service: service, operation: operation)
        return try Self.decodeJSON(Output.self, response.body, service: service, operation: operation)
    }

    /// AWS Query (ELBv2, IAM, STS) and EC2 Query: a form body, an XML answer. Query wraps the
    /// output in `<OperationResult>`; EC2 puts it directly under the root.
    public func query<Output: Decodable>(
        _ service: AWSService, _ operation: String, _ input: some Encodable, as output: Output.Type = Output.self
    ) async throws -> Output {
        let (version, style): (String, QueryEncoder.ListStyle)
        switch service.wireProtocol {
        case .query(let apiVersion): (version, style) = (apiVersion, .member)
        case .ec2Query(let apiVersion): (version, style) = (apiVersion, .ec2)
        default: preconditionFailure("\(service.name) is not a Query service")
        }
        let body = try QueryEncoder.body(action: operation, version: version, input: input, style: style)
        let request = HTTPRequest(
            method: "POST", url: "/",
            headers: [(name: "Content-Type", value: "application/x-www-form-urlencoded; charset=utf-8")],
            body: Array(body.utf8))
        let response = try await send(request, service: service, operation: operation)
        guard let root = AWSXML.parse(response.body) else {
            throw Self.malformed(service, operation, "the answer is not XML")
        }
        let result = style == .member ? (root.child("\(operation)Result") ?? root) : root
        do {
            return try XMLResponseDecoder().decode(Output.self, from: result)
        } catch {
            throw Self.malformed(service, operation, "\(error)")
        }
    }

    static func encodeJSON(_ input: some Encodable) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        encoder.dateEncodingStrategy = .secondsSince1970
        return Array(try encoder.encode(input))
    }

    static func decodeJSON<Output: Decodable>(
        _ type: Output.Type, _ body: [UInt8], service: AWSService, operation: String
    ) throws -> Output {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        do {
            return try decoder.decode(Output.self, from: body.isEmpty ? Data("{}".utf8) : Data(body))
        } catch {
            throw malformed(service, operation, "\(error)")
        }
    }

    /// A 2xx answer that does not have the documented shape.
    static func malformed(_ service: AWSService, _ operation: String, _ detail: String) -> AWSError {
        AWSError(
            service: service.name, operation: operation, code: "MalformedResponse", message: detail, status: 200)
    }
}
