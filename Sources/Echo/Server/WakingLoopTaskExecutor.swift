import NIOCore
import NIOPosix

/// Runs a task's next job on the NIO event loop that woke it: the loop of the connection whose
/// frames resumed the call, or whose task made a child task. A lone call then reads its request,
/// runs its handler and writes its answer on one thread, instead of waking a thread of Swift's pool
/// for the handler and the loop again for the write.
///
/// With `spillAfter`, a loop that already has that many of these jobs queued sends further ones to
/// Swift's pool: a busy connection's calls then run beside its loop on the other CPUs, as they would
/// without this executor. (A preference for one fixed loop was tried and lost a third of the
/// throughput: every connection on another loop paid two hops per call.)
final class WakingLoopTaskExecutor: TaskExecutor {
    let group: MultiThreadedEventLoopGroup
    /// Nil: never spill (one CPU, where the pool would only take turns with the loop).
    let spillAfter: Int?
    /// Jobs queued by this executor on the current thread's loop; touched only by that thread.
    private let backlogs = ThreadSpecificVariable<Backlog>()

    /// Unchecked: each thread has its own, and only that thread reads or changes it.
    private final class Backlog: @unchecked Sendable {
        var jobs = 0
    }

    init(group: MultiThreadedEventLoopGroup, spillAfter: Int?) {
        self.group = group
        self.spillAfter = spillAfter
    }

    func enqueue(_ job: consuming ExecutorJob) {
        guard let loop = MultiThreadedEventLoopGroup.currentEventLoop else {
            // Woken off the loops (Swift's clock, the pool): the pool when spilling, else any loop.
            if spillAfter != nil { return globalConcurrentExecutor.enqueue(job) }
            let job = UnownedJob(job)
            return group.next().execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
        }
        let backlog = backlogs.currentValue ?? Self.newBacklog(in: backlogs)
        if let spillAfter, backlog.jobs >= spillAfter { return globalConcurrentExecutor.enqueue(job) }
        backlog.jobs += 1
        let job = UnownedJob(job)
        loop.assumeIsolated().execute {
            backlog.jobs -= 1
            job.runSynchronously(on: self.asUnownedTaskExecutor())
        }
    }

    private static func newBacklog(in variable: ThreadSpecificVariable<Backlog>) -> Backlog {
        let backlog = Backlog()
        variable.currentValue = backlog
        return backlog
    }
}
