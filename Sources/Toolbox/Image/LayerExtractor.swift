import Foundation

/// Writes a layer's members under a root directory, applying OCI whiteouts, and refusing any
/// member that would land outside the root (through "..", an absolute link or a symlinked parent).
struct LayerExtractor {
    let root: URL

    func apply(_ members: [TarMember]) throws {
        let fileManager = FileManager.default
        for member in members {
            let relative = try Self.safeRelativePath(member.path)
            if relative.isEmpty { continue }
            let name = (relative as NSString).lastPathComponent
            let parent = (relative as NSString).deletingLastPathComponent
            try ensureRealDirectory(parent)
            let target = root.appendingPathComponent(relative)
            if name == ".wh..wh..opq" {
                // Opaque directory: what lower layers put there is hidden.
                let directory = root.appendingPathComponent(parent)
                for child in (try? fileManager.contentsOfDirectory(atPath: directory.path)) ?? [] {
                    try fileManager.removeItem(at: directory.appendingPathComponent(child))
                }
                continue
            }
            if name.hasPrefix(".wh.") {
                try? fileManager.removeItem(
                    at: root.appendingPathComponent(parent).appendingPathComponent(String(name.dropFirst(4)))
                )
                continue
            }
            if case .directory = member.kind {
                if !isRealDirectory(target) {
                    try? fileManager.removeItem(at: target)
                    try fileManager.createDirectory(at: target, withIntermediateDirectories: true)
                }
                try fileManager.setAttributes([.posixPermissions: Int(member.mode)], ofItemAtPath: target.path)
                continue
            }
            try? fileManager.removeItem(at: target)
            switch member.kind {
            case .file:
                guard
                    fileManager.createFile(
                        atPath: target.path,
                        contents: Data(member.contents),
                        attributes: [.posixPermissions: Int(member.mode)]
                    )
                else { throw ImageError("cannot write \(target.path)") }
            case .symlink(let destination):
                try fileManager.createSymbolicLink(atPath: target.path, withDestinationPath: destination)
            case .hardLink(let destination):
                let source = root.appendingPathComponent(try Self.safeRelativePath(destination))
                try fileManager.copyItem(at: source, to: target)
            case .directory, .unsupported:
                continue
            }
        }
    }

    /// The member's path relative to the root, or an error if it tries to leave it.
    static func safeRelativePath(_ path: String) throws -> String {
        let components = path.split(separator: "/").filter { $0 != "." }
        guard !components.contains("..") else { throw ImageError("layer member escapes the root: \(path)") }
        return components.joined(separator: "/")
    }

    /// Creates the parents of a member, refusing a parent that is a symbolic link (which could point outside).
    private func ensureRealDirectory(_ relative: String) throws {
        var current = root
        for component in relative.split(separator: "/") {
            current.appendPathComponent(String(component))
            var status = stat()
            if lstat(current.path, &status) == 0 {
                guard status.st_mode & mode_t(S_IFMT) == mode_t(S_IFDIR) else {
                    throw ImageError("layer writes through a non-directory: \(current.path)")
                }
            } else {
                try FileManager.default.createDirectory(at: current, withIntermediateDirectories: false)
            }
        }
    }

    private func isRealDirectory(_ url: URL) -> Bool {
        var status = stat()
        return lstat(url.path, &status) == 0 && status.st_mode & mode_t(S_IFMT) == mode_t(S_IFDIR)
    }
}
