#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Start-up and shutdown lines in the original's format (`2020/06/18 23:37:32 Echo Server
/// Version 1.0`), flushed at once: print() is block-buffered when output goes to a log file,
/// and tests and the toolbox wait for these lines.
public enum EchoLog {
    public static func say(_ message: String) {
        var now = time(nil)
        var parts = tm()
        localtime_r(&now, &parts)
        var buffer = [CChar](repeating: 0, count: 32)
        let length = strftime(&buffer, buffer.count, "%Y/%m/%d %H:%M:%S", &parts)
        let stamp = String(decoding: buffer.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        write(line: "\(stamp) \(message)\n", to: STDOUT_FILENO)
    }

    /// A line as it is, without the time stamp: machine-read lines (EMF metrics) must be JSON alone.
    public static func plain(_ line: String) {
        write(line: line + "\n", to: STDOUT_FILENO)
    }

    /// Unbuffered, so a line is in the log the moment it is said.
    private static func write(line: String, to descriptor: Int32) {
        var text = line
        text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written <= 0 { return }
                offset += written
            }
        }
    }

    /// A fatal start-up problem: one line on standard error, then exit status 1.
    public static func fail(_ message: String) -> Never {
        write(line: "error: \(message)\n", to: STDERR_FILENO)
        exit(1)
    }
}
