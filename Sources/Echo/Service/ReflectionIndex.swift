import FoundationEssentials
import SwiftProtobuf

/// The served .proto files, indexed by file name and by fully qualified symbol, built once from
/// the descriptor set that `make generate` embeds.
public struct ReflectionIndex: Sendable {
    private var filesByName: [String: Google_Protobuf_FileDescriptorProto] = [:]
    private var fileNameBySymbol: [String: String] = [:]
    public private(set) var serviceNames: [String] = []

    public init(descriptorSet: Google_Protobuf_FileDescriptorSet) {
        for file in descriptorSet.file {
            filesByName[file.name] = file
            let prefix = file.package.isEmpty ? "" : file.package + "."
            for service in file.service {
                serviceNames.append(prefix + service.name)
                fileNameBySymbol[prefix + service.name] = file.name
                for method in service.method {
                    fileNameBySymbol[prefix + service.name + "." + method.name] = file.name
                }
            }
            for message in file.messageType {
                index(message, prefix: prefix, file: file.name)
            }
            for enumeration in file.enumType {
                fileNameBySymbol[prefix + enumeration.name] = file.name
            }
        }
        serviceNames.sort()
    }

    /// The index of the descriptors embedded at generation time.
    public static func served() throws -> ReflectionIndex {
        guard let bytes = Data(base64Encoded: servedFileDescriptorSetBase64) else {
            throw ConfigurationError("embedded descriptor set is not base64; run make generate")
        }
        return ReflectionIndex(descriptorSet: try Google_Protobuf_FileDescriptorSet(serializedBytes: bytes))
    }

    private mutating func index(_ message: Google_Protobuf_DescriptorProto, prefix: String, file: String) {
        let name = prefix + message.name
        fileNameBySymbol[name] = file
        for nested in message.nestedType {
            index(nested, prefix: name + ".", file: file)
        }
        for enumeration in message.enumType {
            fileNameBySymbol[name + "." + enumeration.name] = file
        }
    }

    /// The named file and every file it imports, transitively, the named one first.
    public func fileWithDependencies(named name: String) -> [Google_Protobuf_FileDescriptorProto]? {
        guard filesByName[name] != nil else { return nil }
        var ordered: [Google_Protobuf_FileDescriptorProto] = []
        var seen: Set<String> = []
        var pending = [name]
        while let next = pending.popLast() {
            guard seen.insert(next).inserted, let file = filesByName[next] else { continue }
            ordered.append(file)
            pending.append(contentsOf: file.dependency.reversed())
        }
        return ordered
    }

    public func fileName(containingSymbol symbol: String) -> String? {
        fileNameBySymbol[symbol]
    }
}
