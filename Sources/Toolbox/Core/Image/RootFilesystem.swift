import Foundation

/// The files of an image's single layer: the executable, its library closure and loader,
/// a minimal /etc with a non-root user, and optionally the CA bundle.
public enum RootFilesystem {
    /// The non-root user the image runs as.
    public static let userID = 10001
    public static let userName = "app"

    /// The layer's entries, parent directories included, for `recipe` and the closure found on this machine.
    public static func entries(for recipe: ImageRecipe, closure: LibraryClosure) throws -> [TarEntry] {
        var files: [TarEntry] = [
            recipe.stripsExecutable
                ? TarEntry(
                    path: String(recipe.executablePathInImage.dropFirst()),
                    kind: .file(contents: try strippedCopy(of: recipe.executable)),
                    mode: 0o755
                )
                : try copy(recipe.executable, to: recipe.executablePathInImage, mode: 0o755),
            text(
                "etc/passwd",
                "root:x:0:0:root:/root:/usr/sbin/nologin\n"
                    + "\(userName):x:\(userID):\(userID):\(userName):/nonexistent:/usr/sbin/nologin\n"
            ),
            text("etc/group", "root:x:0:\n\(userName):x:\(userID):\n"),
            text("etc/nsswitch.conf", "passwd: files\ngroup: files\nhosts: files dns\n"),
            text("etc/hosts", "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n"),
        ]
        for library in closure.libraries + (closure.loader.map { [$0] } ?? []) {
            // Copied to the very path the loader asks for, so RUNPATH and the default
            // search directories resolve inside the image exactly as on the build machine.
            files.append(try copy(URL(fileURLWithPath: library), to: library, mode: 0o755))
        }
        if recipe.includesCACertificates {
            files.append(try copy(recipe.caCertificatesFile, to: "/etc/ssl/certs/ca-certificates.crt", mode: 0o644))
        }
        var directories: Set<String> = ["tmp"]
        for file in files {
            var components = file.path.split(separator: "/").dropLast()
            while !components.isEmpty {
                directories.insert(components.joined(separator: "/"))
                components = components.dropLast()
            }
        }
        let directoryEntries = directories.map { path in
            TarEntry(path: path, kind: .directory, mode: path == "tmp" ? 0o1777 : 0o755)
        }
        return directoryEntries + files
    }

    /// The executable's bytes after `strip` (run on a copy: the build output stays as it is).
    private static func strippedCopy(of executable: URL) throws -> [UInt8] {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("toolbox-strip-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/strip")
        process.arguments = ["-o", output.path, executable.path]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0, let data = FileManager.default.contents(atPath: output.path) else {
            throw ImageError("strip \(executable.path) failed (\(process.terminationStatus))")
        }
        return Array(data)
    }

    private static func text(_ path: String, _ contents: String) -> TarEntry {
        TarEntry(path: path, kind: .file(contents: Array(contents.utf8)), mode: 0o644)
    }

    /// Reads `source` following symbolic links, stored as a regular file at `path` in the image.
    private static func copy(_ source: URL, to path: String, mode: UInt32) throws -> TarEntry {
        guard let data = FileManager.default.contents(atPath: source.resolvingSymlinksInPath().path) else {
            throw ImageError("cannot read \(source.path)")
        }
        let relative = String(path.drop(while: { $0 == "/" }))
        return TarEntry(path: relative, kind: .file(contents: Array(data)), mode: mode)
    }
}
