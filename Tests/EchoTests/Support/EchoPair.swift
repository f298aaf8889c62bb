import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Starts echo-server and echo-client on loopback with free ports, as a user would run them.
enum EchoPair {
    static func startServer(_ environment: [String: String] = [:], fileLimit: Int? = nil) async throws -> (ManagedProcess, Int) {
        var settings = ["PORT": "0", "BIND_ADDRESS": "127.0.0.1", "DRAIN_SECONDS": "5"]
        settings.merge(environment) { $1 }
        let server = try ManagedProcess(executable: "echo-server", environment: settings, fileLimit: fileLimit)
        do {
            return (server, try await server.waitForPort(after: "Starting on port: "))
        } catch {
            server.stop()
            throw error
        }
    }

    static func startClient(serverPort: Int, _ environment: [String: String] = [:], fileLimit: Int? = nil) async throws -> (ManagedProcess, Int) {
        var settings = ["PORT": "0", "BIND_ADDRESS": "127.0.0.1", "ECHO_HOST": "127.0.0.1:\(serverPort)"]
        settings.merge(environment) { $1 }
        let client = try ManagedProcess(executable: "echo-client", environment: settings, fileLimit: fileLimit)
        do {
            return (client, try await client.waitForPort(after: "Listening to port: "))
        } catch {
            client.stop()
            throw error
        }
    }

    /// One HTTP GET on loopback: status and body.
    static func get(port: Int, path: String, headers: [String: String] = [:]) async throws -> (status: Int, body: String) {
        let reply = try await exchange(port: port, path: path, headers: headers)
        return (reply.status, reply.body)
    }

    /// One HTTP request on loopback: status, body and content type.
    static func exchange(
        port: Int, path: String, method: String = "GET", headers: [String: String] = [:]
    ) async throws -> (status: Int, body: String, contentType: String?) {
        let url = URL(string: "http://127.0.0.1:\(port)\(path)")!
        var request = URLRequest(url: url)
        request.timeoutInterval = 10
        request.httpMethod = method
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = response as! HTTPURLResponse
        return (http.statusCode, String(decoding: data, as: UTF8.self), http.value(forHTTPHeaderField: "Content-Type"))
    }
}
