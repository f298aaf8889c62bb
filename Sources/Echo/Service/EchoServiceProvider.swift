import GRPCCore

/// The echo service itself: no transport code, so tests and the server share it.
public struct EchoServiceProvider: Proto_Echo_EchoService.SimpleServiceProtocol {
    /// The reply's "Said <address>" part, chosen once at start-up.
    public let address: String
    public let version: String
    private let faults: FaultInjection

    public init(address: String, version: String, faults: FaultInjection = .off) {
        self.address = address
        self.version = version
        self.faults = faults
    }

    public func echo(
        request: Proto_Echo_EchoRequest,
        context: ServerContext
    ) async throws -> Proto_Echo_EchoResponse {
        if let problem = EchoGreeting.problem(withName: request.name) {
            throw RPCError(code: .invalidArgument, message: problem)
        }
        if faults.callDelaySeconds > 0 {
            try await Task.sleep(for: .seconds(faults.callDelaySeconds))
        }
        if faults.shouldFailCall() {
            throw RPCError(code: .unavailable, message: "injected failure (ECHO_FAULT_FAIL_RATE)")
        }
        var response = Proto_Echo_EchoResponse()
        response.message = EchoGreeting.message(name: request.name, address: address, version: version)
        return response
    }
}
