/// One AWS service's operations (`ECS`, `EC2`, ...): its metadata and the client its calls go
/// through. What every service needs (an operation in the service's own wire protocol, answers in
/// pages, calls whose answer says nothing) is written once here, not in each service file.
public protocol AWSServiceAPI: Sendable {
    static var service: AWSService { get }
    var client: AWSClient { get }
    init(client: AWSClient)
}

extension AWSServiceAPI {
    /// An operation of a JSON 1.1 or Query service; REST-JSON operations name a method and a path instead.
    func call<Output: Decodable>(_ operation: String, _ input: some Encodable) async throws -> Output {
        switch Self.service.wireProtocol {
        case .json: try await client.json(Self.service, operation, input)
        case .query, .ec2Query: try await client.query(Self.service, operation, input)
        case .restJSON: preconditionFailure("\(Self.service.name) is REST-JSON: call client.restJSON")
        }
    }

    /// An operation whose answer the toolbox does not read (deletes, attaches, tags).
    func perform(_ operation: String, _ input: some Encodable) async throws {
        let _: AWSEmptyOutput = try await call(operation, input)
    }

    /// A JSON 1.1 operation answered in pages: every page's items, in order (see `AWSClient.jsonPages`).
    func pages<Input: Encodable, Page: Decodable, Item>(
        _ operation: String, _ input: Input, token: WritableKeyPath<Input, String?>, next: KeyPath<Page, String?>,
        items: KeyPath<Page, [Item]>
    ) async throws -> [Item] {
        try await client.jsonPages(Self.service, operation, input, token: token, next: next, items: items)
    }
}
