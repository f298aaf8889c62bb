import Foundation

/// Writes a layer's members under a root directory, applying OCI whiteouts. Every layer is
/// treated as hostile: nothing is written, linked or removed outside the root (no "..", no
/// whiteout of "." or "..", never through a symlink), setuid, setgid, sticky and world-write
/// bits are dropped, and devices and FIFOs are skipped.
struct LayerExtractor {
    let root: URL

    /// Permission bits kept from a member: owner and group bits, others' read and execute.
    static let keptModeBits: UInt32 = 0o775

    func apply(_ members: [TarMember]) throws {
        for member in members {
            // Devices and FIFOs: an unprivileged unpack cannot make them and a service needs none.
            if case .unsupported = member.kind { continue }
            let components = try Self.safeComponents(member.path)
            guard let name = components.last else { continue }
            let parent = components.dropLast().joined(separator: "/")
            try ensureRealDirectory(parent)
            let target = root.appendingPathComponent(components.joined(separator: "/"))
            if name.hasPrefix(".wh.") {
                try applyWhiteout(name, in: root.appendingPathComponent(parent))
                continue
            }
            let mode = mode_t(member.mode & Self.keptModeBits)
            if case .directory = member.kind {
                if !isRealDirectory(target) {
                    try? FileManager.default.removeItem(at: target)
                    try FileManager.default.createDirectory(at: target, withIntermediateDirectories: false)
                }
                // The owner keeps write access so later members and layers can land inside.
                guard chmod(target.path, mode | 0o700) == 0 else { throw ImageError("cannot set the mode of \(target.path)") }
                continue
            }
            try? FileManager.default.removeItem(at: target)
            switch member.kind {
            case .file:
                try writeFile(target, contents: member.contents, mode: mode)
            case .symlink(let destination):
                // The link itself is harmless: no later member is ever written through it.
                guard !destination.utf8.contains(0) else { throw ImageError("layer symlink with a NUL: \(member.path)") }
                try FileManager.default.createSymbolicLink(atPath: target.path, withDestinationPath: destination)
            case .hardLink(let destination):
                let source = try realFile(at: Self.safeComponents(destination), linkedFrom: member.path)
                guard link(source.path, target.path) == 0 else {
                    throw ImageError("cannot link \(member.path) to \(destination): \(String(cString: strerror(errno)))")
                }
            case .directory, .unsupported:
                continue
            }
        }
    }

    /// A member's path split into components, or an error if it tries to leave the root.
    static func safeComponents(_ path: String) throws -> [String] {
        guard !path.utf8.contains(0) else { throw ImageError("layer member name holds a NUL byte") }
        let components = path.split(separator: "/").map(String.init).filter { $0 != "." }
        guard !components.contains("..") else { throw ImageError("layer member escapes the root: \(path)") }
        return components
    }

    /// `.wh.<name>` hides <name> of lower layers; `.wh..wh..opq` hides the whole directory's content.
    private func applyWhiteout(_ name: String, in directory: URL) throws {
        if name == ".wh..wh..opq" {
            for child in (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [] {
                try FileManager.default.removeItem(at: directory.appendingPathComponent(child))
            }
            return
        }
        let hidden = String(name.dropFirst(4))
        // ".wh..wh.*" names are the format's own bookkeeping; ".wh..", ".wh..." would hide the
        // directory itself or its parent, outside what this member may touch.
        if hidden.hasPrefix(".wh.") { return }
        guard !hidden.isEmpty, hidden != ".", hidden != ".." else {
            throw ImageError("layer whiteout \(name) names no file inside its directory")
        }
        // removeItem removes a symlink itself, never what it points at.
        try? FileManager.default.removeItem(at: directory.appendingPathComponent(hidden))
    }

    /// Creates the file afresh (never following a link left at its name) with the masked mode.
    private func writeFile(_ target: URL, contents: ArraySlice<UInt8>, mode: mode_t) throws {
        let descriptor = open(target.path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw ImageError("cannot write \(target.path): \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        var written = 0
        try contents.withUnsafeBytes { buffer in
            while written < buffer.count {
                let count = write(descriptor, buffer.baseAddress! + written, buffer.count - written)
                guard count > 0 else { throw ImageError("cannot write \(target.path): \(String(cString: strerror(errno)))") }
                written += count
            }
        }
        // The umask may have narrowed the mode; set exactly the masked one.
        guard fchmod(descriptor, mode) == 0 else { throw ImageError("cannot set the mode of \(target.path)") }
    }

    /// The regular file a hard link names, reached through real directories only.
    private func realFile(at components: [String], linkedFrom member: String) throws -> URL {
        var current = root
        for (index, component) in components.enumerated() {
            current.appendPathComponent(component)
            var status = stat()
            guard lstat(current.path, &status) == 0 else {
                throw ImageError("layer hard link \(member) names a missing file")
            }
            let type = status.st_mode & mode_t(S_IFMT)
            let expected = index == components.count - 1 ? mode_t(S_IFREG) : mode_t(S_IFDIR)
            guard type == expected else {
                throw ImageError("layer hard link \(member) must name a regular file reached without symlinks")
            }
        }
        guard !components.isEmpty else { throw ImageError("layer hard link \(member) names the root") }
        return current
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
