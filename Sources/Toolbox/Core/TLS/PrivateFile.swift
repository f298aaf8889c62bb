import Foundation

/// Writes a file that must never be readable by others, not even for an instant: a fresh
/// temporary file is opened with its final mode (O_CREAT|O_EXCL, no chmod afterwards), filled,
/// and renamed over the destination.
enum PrivateFile {
    static func write(_ bytes: [UInt8], to file: URL, mode: mode_t) throws(ToolboxError) {
        let temporary = file.deletingLastPathComponent().appendingPathComponent(".\(file.lastPathComponent).\(getpid()).tmp")
        unlink(temporary.path)
        let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw ToolboxError("cannot create \(temporary.path): \(String(cString: strerror(errno)))") }
        var written = 0
        let complete = bytes.withUnsafeBytes { buffer in
            while written < buffer.count {
                let count = Glibc.write(descriptor, buffer.baseAddress! + written, buffer.count - written)
                if count <= 0 { return false }
                written += count
            }
            return true
        }
        close(descriptor)
        guard complete, rename(temporary.path, file.path) == 0 else {
            unlink(temporary.path)
            throw ToolboxError("cannot write \(file.path): \(String(cString: strerror(errno)))")
        }
    }
}
