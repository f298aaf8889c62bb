import Foundation

/// Runs python3 with `arguments` (a fixture script and its arguments, or `-c` and a script) and
/// returns its exit status and what it printed. The wait happens on a Dispatch thread, not on one of
/// Swift's cooperative threads, which in-process servers of parallel tests need.
func runPython(_ arguments: [String]) async throws -> (status: Int32, printed: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3"] + arguments
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    return await withCheckedContinuation { continuation in
        DispatchQueue.global().async {
            let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            continuation.resume(returning: (process.terminationStatus, printed))
        }
    }
}
