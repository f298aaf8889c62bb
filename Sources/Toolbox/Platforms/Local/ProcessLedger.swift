import Foundation
import ToolboxCore

/// One small file per process the local target started (`<name>.pid`: PID and start time),
/// kept beside state.json but independent of it, so `make destroy-infra` finds every process
/// even when the state file is truncated, hand-edited or deleted.
struct ProcessLedger: Sendable {
    let directory: URL

    /// Records a process; written atomically, so a reader sees a whole entry or none.
    func record(_ name: String, _ process: LocalProcess) throws(ToolboxError) {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try "\(process.pid) \(process.startTicks)\n".write(to: file(name), atomically: true, encoding: .utf8)
        } catch {
            throw ToolboxError("cannot record process \(name) in \(directory.path): \(error)")
        }
    }

    func forget(_ name: String) {
        try? FileManager.default.removeItem(at: file(name))
    }

    /// Every recorded process by name; an unreadable entry is skipped (it names nothing to stop).
    func all() -> [String: LocalProcess] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        var processes: [String: LocalProcess] = [:]
        for entry in names where entry.hasSuffix(".pid") {
            guard let text = try? String(contentsOf: directory.appendingPathComponent(entry), encoding: .utf8) else { continue }
            let fields = text.split(whereSeparator: \.isWhitespace)
            guard fields.count == 2, let pid = Int32(fields[0]), pid > 1, let ticks = UInt64(fields[1]) else { continue }
            processes[String(entry.dropLast(4))] = LocalProcess(pid: pid, startTicks: ticks)
        }
        return processes
    }

    private func file(_ name: String) -> URL {
        directory.appendingPathComponent("\(name).pid")
    }
}
