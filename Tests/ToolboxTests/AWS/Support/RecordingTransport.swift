import Foundation
import Synchronization
import Toolbox

/// A transport that records requests and answers from a list (the last answer repeats).
final class RecordingTransport: HTTPTransport, Sendable {
    private let state: Mutex<(requests: [HTTPRequest], answers: [Result<HTTPResponse, HTTPTransportError>])>

    init(_ answers: [Result<HTTPResponse, HTTPTransportError>]) { state = Mutex(([], answers)) }

    convenience init(status: Int = 200, body: String, headers: [(name: String, value: String)] = []) {
        self.init([.success(HTTPResponse(status: status, headers: headers, body: Array(body.utf8)))])
    }

    var requests: [HTTPRequest] { state.withLock { $0.requests } }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let answer = state.withLock { state in
            state.requests.append(request)
            return state.answers.count > 1 ? state.answers.removeFirst() : state.answers[0]
        }
        return try answer.get()
    }
}

extension HTTPRequest {
    var bodyText: String { String(decoding: body, as: UTF8.self) }
    func header(_ name: String) -> String? { headers.first { $0.name.lowercased() == name.lowercased() }?.value }
}
