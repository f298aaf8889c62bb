import NIOCore
import NIOPosix

/// Runs a task's next job on the NIO event loop that woke it: the loop of the connection whose
/// frames resumed the call, or whose task made a child task. A call then reads its request, runs
/// its handler and writes its answer on one thread, instead of waking a thread of Swift's pool for
/// the handler and the loop again for the write. Jobs enqueued off the loops go to the group's next
/// loop. (A preference for one fixed loop was tried and lost a third of the throughput: every
/// connection on another loop paid two hops per call.)
final class WakingLoopTaskExecutor: TaskExecutor {
    let group: MultiThreadedEventLoopGroup

    init(group: MultiThreadedEventLoopGroup) { self.group = group }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let loop = MultiThreadedEventLoopGroup.currentEventLoop ?? group.next()
        loop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
