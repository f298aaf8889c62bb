import GRPCCore
import SwiftProtobuf

/// grpc.reflection.v1, so that grpcurl and similar tools list and call the service without
/// its .proto files. Extensions are not used by the served files, so none are reported.
public struct ReflectionService: Grpc_Reflection_V1_ServerReflection.SimpleServiceProtocol {
    private let index: ReflectionIndex

    public init(index: ReflectionIndex) {
        self.index = index
    }

    public func serverReflectionInfo(
        request: RPCAsyncSequence<Grpc_Reflection_V1_ServerReflectionRequest, any Error>,
        response: RPCWriter<Grpc_Reflection_V1_ServerReflectionResponse>,
        context: ServerContext
    ) async throws {
        for try await question in request {
            try await response.write(answer(question))
        }
    }

    func answer(_ question: Grpc_Reflection_V1_ServerReflectionRequest) throws -> Grpc_Reflection_V1_ServerReflectionResponse {
        var answer = Grpc_Reflection_V1_ServerReflectionResponse()
        answer.validHost = question.host
        answer.originalRequest = question
        switch question.messageRequest {
        case .listServices:
            answer.listServicesResponse.service = index.serviceNames.map { name in .with { $0.name = name } }
        case .fileByFilename(let name):
            answer.messageResponse = try files(named: name, missing: "file '\(name)'")
        case .fileContainingSymbol(let symbol):
            let name = index.fileName(containingSymbol: symbol) ?? ""
            answer.messageResponse = try files(named: name, missing: "symbol '\(symbol)'")
        case .allExtensionNumbersOfType(let type):
            answer.allExtensionNumbersResponse.baseTypeName = type
        case .fileContainingExtension(let extensionRequest):
            answer.messageResponse = notFound("extension \(extensionRequest.extensionNumber) of '\(extensionRequest.containingType)'")
        case nil:
            answer.messageResponse = .errorResponse(.with {
                $0.errorCode = Int32(RPCError.Code.invalidArgument.rawValue)
                $0.errorMessage = "empty reflection request"
            })
        }
        return answer
    }

    private func files(
        named name: String,
        missing: String
    ) throws -> Grpc_Reflection_V1_ServerReflectionResponse.OneOf_MessageResponse {
        guard let files = index.fileWithDependencies(named: name) else { return notFound(missing) }
        var found = Grpc_Reflection_V1_FileDescriptorResponse()
        found.fileDescriptorProto = try files.map { try $0.serializedBytes() }
        return .fileDescriptorResponse(found)
    }

    private func notFound(_ what: String) -> Grpc_Reflection_V1_ServerReflectionResponse.OneOf_MessageResponse {
        .errorResponse(.with {
            $0.errorCode = Int32(RPCError.Code.notFound.rawValue)
            $0.errorMessage = "\(what) not found"
        })
    }
}
