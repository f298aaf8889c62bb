import Foundation

/// A JSON document under `.toolbox/`, replaced atomically: written to a temporary file, flushed
/// to disk, then renamed over the old one, so a crash leaves either the old or the new state.
public struct StateStore<Document: Codable>: Sendable {
    public let url: URL

    public init(url: URL) {
        self.url = url
    }

    public func load() throws(ToolboxError) -> Document? {
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        do {
            return try JSONDecoder.toolbox.decode(Document.self, from: Data(contentsOf: url))
        } catch {
            throw ToolboxError("state file \(url.path) cannot be read (\(error)); move it away to start over")
        }
    }

    /// Deletes the document; a missing one is already gone.
    public func remove() throws(ToolboxError) {
        guard unlink(url.path) == 0 || errno == ENOENT else {
            throw ToolboxError("cannot remove \(url.path): \(String(cString: strerror(errno)))")
        }
    }

    public func save(_ document: Document) throws(ToolboxError) {
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            let data = try JSONEncoder.toolbox.encode(document)
            let temporary = url.appendingPathExtension("tmp-\(getpid())")
            guard FileManager.default.createFile(atPath: temporary.path, contents: data) else {
                throw ToolboxError("cannot write \(temporary.path)")
            }
            let handle = try FileHandle(forWritingTo: temporary)
            try handle.synchronize()
            try handle.close()
            guard rename(temporary.path, url.path) == 0 else {
                throw ToolboxError("cannot replace \(url.path): \(String(cString: strerror(errno)))")
            }
        } catch let error as ToolboxError {
            throw error
        } catch {
            throw ToolboxError("cannot save state to \(url.path): \(error)")
        }
    }
}

extension JSONEncoder {
    /// Stable output (sorted keys, ISO dates) so state files diff cleanly.
    package static var toolbox: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }
}

extension JSONDecoder {
    package static var toolbox: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}
