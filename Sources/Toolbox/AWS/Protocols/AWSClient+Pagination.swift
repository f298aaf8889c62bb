
extension AWSClient {
    /// A JSON 1.1 operation answered in pages: calls it again with each page's token until no token
    /// comes back, and returns every page's items in order. (ECS ListServices, for one, answers ten
    /// services a page unless told otherwise.)
    func jsonPages<Input: Encodable, Page: Decodable, Item>(
        _ service: AWSService, _ operation: String, _ input: Input, token: WritableKeyPath<Input, String?>,
        next: KeyPath<Page, String?>, items: KeyPath<Page, [Item]>
    ) async throws -> [Item] {
        var input = input
        var collected: [Item] = []
        while true {
            let page: Page = try await json(service, operation, input)
            collected += page[keyPath: items]
            guard let following = page[keyPath: next], !following.isEmpty else { return collected }
            input[keyPath: token] = following
        }
    }
}
