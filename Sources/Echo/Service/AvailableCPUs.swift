#if canImport(Glibc)
import Glibc
#endif

/// The CPUs this process may run on: its affinity mask (`taskset`, a container's cpuset), as Go
/// sizes GOMAXPROCS. NIO's own count reads cgroup limits but not the mask, so a server pinned to
/// one CPU would otherwise run two event loops taking turns on it.
public enum AvailableCPUs {
    /// The bits set in the `Cpus_allowed` mask of /proc/self/status; 0 when it cannot be read.
    public static var count: Int {
        #if canImport(Glibc)
        guard let file = fopen("/proc/self/status", "r") else { return 0 }
        defer { fclose(file) }
        var line = [CChar](repeating: 0, count: 4096)
        while fgets(&line, Int32(line.count), file) != nil {
            let text = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            guard text.hasPrefix("Cpus_allowed:") else { continue }
            return text.dropFirst("Cpus_allowed:".count).reduce(0) { total, digit in
                total + (digit.hexDigitValue ?? 0).nonzeroBitCount
            }
        }
        #endif
        return 0
    }

    /// NIO's count (which follows cgroup quotas) within the affinity mask: the event loops to run.
    public static func eventLoops(nioCoreCount: Int) -> Int {
        let mask = count
        return max(1, mask > 0 ? min(mask, nioCoreCount) : nioCoreCount)
    }
}
