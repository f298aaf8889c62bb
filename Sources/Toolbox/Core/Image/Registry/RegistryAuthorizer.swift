import Foundation
import ToolboxHTTP

/// Answers a registry's 401: turns its WWW-Authenticate challenge into an Authorization header.
///
/// Basic sends the login itself; Bearer fetches a token from the challenge's realm (with the
/// login, if any, as Basic) for the challenge's service and scope. Nothing here is ever printed.
struct RegistryAuthorizer: Sendable {
    let credentials: RegistryCredentials?
    let transport: any HTTPTransport
    /// The registry's scheme://host[:port]: the login goes to a token realm there and nowhere else.
    let registryURL: String

    func authorization(answering challengeHeader: String?, operation: String) async throws -> String {
        guard let challengeHeader, let challenge = AuthenticationChallenge(header: challengeHeader) else {
            throw RegistryError(
                operation: operation,
                status: 401,
                code: "UNAUTHORIZED",
                message: "the registry refused without saying how to authenticate"
            )
        }
        switch challenge.scheme.lowercased() {
        case "basic":
            guard let basic = basicAuthorization else {
                throw RegistryError(
                    operation: operation,
                    status: 401,
                    code: "UNAUTHORIZED",
                    message: "the registry wants a login: set REGISTRY_USERNAME and REGISTRY_PASSWORD"
                )
            }
            return basic
        case "bearer":
            return "Bearer " + (try await token(for: challenge, operation: operation))
        default:
            throw RegistryError(
                operation: operation,
                status: 401,
                code: "UNAUTHORIZED",
                message: "unsupported authentication scheme \(challenge.scheme)"
            )
        }
    }

    private var basicAuthorization: String? {
        credentials.map { "Basic " + Data("\($0.username):\($0.password)".utf8).base64EncodedString() }
    }

    private func token(for challenge: AuthenticationChallenge, operation: String) async throws -> String {
        guard let realm = challenge.parameters["realm"] else {
            throw RegistryError(
                operation: operation,
                status: 401,
                code: "UNAUTHORIZED",
                message: "Bearer challenge without realm"
            )
        }
        let query = ["service", "scope"].compactMap { key in
            challenge.parameters[key].map { "\(key)=\(Self.percentEncoded($0))" }
        }
        let url = realm + (query.isEmpty ? "" : (realm.contains("?") ? "&" : "?") + query.joined(separator: "&"))
        var headers: [(name: String, value: String)] = []
        // A realm on another host or scheme gets an anonymous token request, not the login.
        if URLOrigin.same(realm, registryURL), let basicAuthorization {
            headers.append((name: "Authorization", value: basicAuthorization))
        }
        let response = try await transport.send(HTTPRequest(method: "GET", url: url, headers: headers))
        guard response.status == 200 else {
            throw RegistryError(
                operation: "\(operation) (token)",
                status: response.status,
                code: "UNAUTHORIZED",
                message: "the token service refused"
            )
        }
        struct TokenAnswer: Decodable {
            var token: String?
            var access_token: String?
        }
        let answer = try? JSONDecoder().decode(TokenAnswer.self, from: Data(response.body))
        guard let token = answer?.token ?? answer?.access_token, !token.isEmpty else {
            throw RegistryError(
                operation: "\(operation) (token)",
                status: response.status,
                code: nil,
                message: "the token service answered without a token"
            )
        }
        return token
    }

    static func percentEncoded(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
