import GRPCCore

/// Counts each call's final status in `outcomes`: a handler that throws or refuses the call is
/// counted at once, an accepted one when its response has been produced (OK, or the error that
/// ended it).
public struct CallOutcomeInterceptor: ServerInterceptor {
    let outcomes: CallOutcomes

    public init(outcomes: CallOutcomes) { self.outcomes = outcomes }

    public func intercept<Input: Sendable, Output: Sendable>(
        request: StreamingServerRequest<Input>,
        context: ServerContext,
        next: @Sendable (StreamingServerRequest<Input>, ServerContext) async throws -> StreamingServerResponse<Output>
    ) async throws -> StreamingServerResponse<Output> {
        let response: StreamingServerResponse<Output>
        do {
            response = try await next(request, context)
        } catch {
            outcomes.record(code: Self.code(of: error))
            throw error
        }
        switch response.accepted {
        case .failure(let error):
            outcomes.record(code: error.code.rawValue)
            return response
        case .success(var contents):
            let produce = contents.producer
            contents.producer = { [outcomes] writer in
                do {
                    let trailers = try await produce(writer)
                    outcomes.record(code: 0)
                    return trailers
                } catch {
                    outcomes.record(code: Self.code(of: error))
                    throw error
                }
            }
            return StreamingServerResponse(accepted: .success(contents))
        }
    }

    /// The status gRPC answers for a thrown error: its own code, CANCELLED, or UNKNOWN.
    static func code(of error: any Error) -> Int {
        if let convertible = error as? any RPCErrorConvertible { return convertible.rpcErrorCode.rawValue }
        return error is CancellationError ? 1 : CallOutcomes.unknown
    }
}
