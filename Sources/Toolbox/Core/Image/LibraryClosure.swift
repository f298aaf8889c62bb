import Foundation

/// The shared libraries an executable loads, and its loader: what `ldd` resolves on this machine.
///
/// `ldd` rather than reading the ELF ourselves because it applies the loader's own search rules
/// (RUNPATH, ld.so.cache, multiarch directories) and already walks the whole closure.
public struct LibraryClosure: Sendable, Equatable {
    /// Absolute paths as the loader looks them up (symbolic links not resolved), sorted.
    public var libraries: [String]
    /// The program interpreter, e.g. /lib64/ld-linux-x86-64.so.2; nil for a static executable.
    public var loader: String?

    /// Runs `ldd` on `executable` and parses what it prints.
    public static func of(executable: URL) throws -> LibraryClosure {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/ldd")
        process.arguments = [executable.path]
        let output = Pipe()
        // Both streams: ldd says "not a dynamic executable" on standard error.
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        if process.terminationStatus != 0 {
            // ldd exits 1 for a static executable, saying so; anything else is an error.
            if text.contains("not a dynamic executable") || text.contains("statically linked") {
                return LibraryClosure(libraries: [], loader: nil)
            }
            throw ImageError("ldd \(executable.path) failed (\(process.terminationStatus))")
        }
        return try parse(lddOutput: text)
    }

    /// Parses `ldd` lines: "name => /path (0x…)", "/loader (0x…)", "linux-vdso.so.1 (0x…)".
    public static func parse(lddOutput text: String) throws -> LibraryClosure {
        var libraries: Set<String> = []
        var loader: String?
        for rawLine in text.split(separator: "\n") {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if let arrow = line.range(of: " => ") {
                let resolved = line[arrow.upperBound...]
                if resolved.hasPrefix("not found") {
                    throw ImageError("missing shared library \(line[..<arrow.lowerBound])")
                }
                // The kernel's vDSO has no file; ldd sometimes prints it with an empty arrow.
                guard resolved.hasPrefix("/") else { continue }
                libraries.insert(String(resolved.prefix { $0 != " " }))
            } else if line.hasPrefix("/") {
                loader = String(line.prefix { $0 != " " })
            }
        }
        if let loader { libraries.remove(loader) }
        return LibraryClosure(libraries: libraries.sorted(), loader: loader)
    }
}
