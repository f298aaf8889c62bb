import EchoService
import ServiceLifecycle
import UnixSignals
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Waits for SIGTERM or SIGINT, the two ways a task is asked to stop (ECS, the toolbox, Ctrl-C),
/// says which one came, and ends; the group runs it with `.gracefullyShutdownGroup`, so its end
/// is the group's graceful shutdown. The group's own signal list would not say which signal it got.
struct StopSignalService: Service {
    private let signals: UnixSignalsSequence
    private let drainSeconds: Double

    /// Traps the signals now, before the server announces its port, so an early stop is not lost.
    init(drainSeconds: Double) async {
        // Ignored by default: a stop signal is only ever news for this service, never a kill,
        // and a second one while draining changes nothing.
        signal(SIGTERM, SIG_IGN)
        signal(SIGINT, SIG_IGN)
        signals = await UnixSignalsSequence(trapping: .sigterm, .sigint)
        self.drainSeconds = drainSeconds
    }

    func run() async {
        for await received in signals {
            EchoLog.say("Received \(received): not serving, draining calls in flight (at most \(drainSeconds)s)")
            return
        }
    }
}
