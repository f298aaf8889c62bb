import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Waits for SIGTERM or SIGINT, the two ways a task is asked to stop (ECS, the toolbox, Ctrl-C).
enum ShutdownSignal {
    /// Returns the name of the first stop signal received.
    static func next() async -> String {
        await withCheckedContinuation { continuation in
            let queue = DispatchQueue(label: "echo-server.signals")
            let once = DispatchSemaphore(value: 1)
            var sources: [DispatchSourceSignal] = []
            for (number, name) in [(SIGTERM, "SIGTERM"), (SIGINT, "SIGINT")] {
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
                source.setEventHandler {
                    guard once.wait(timeout: .now()) == .success else { return }
                    continuation.resume(returning: name)
                }
                source.resume()
                sources.append(source)
            }
            // The sources live as long as the process: a second signal is ignored while draining.
            Self.retained = sources
        }
    }

    nonisolated(unsafe) private static var retained: [DispatchSourceSignal] = []
}
