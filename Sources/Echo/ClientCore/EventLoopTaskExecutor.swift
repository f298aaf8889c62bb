import NIOCore

/// Runs Swift tasks' jobs on one NIO event loop. A task (and its child tasks) preferring this
/// executor resumes on the thread that reads and writes its channels, instead of waking a thread
/// of Swift's pool for every await on a channel and the event loop again for every write.
final class EventLoopTaskExecutor: TaskExecutor {
    let eventLoop: any EventLoop

    init(_ eventLoop: any EventLoop) { self.eventLoop = eventLoop }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        eventLoop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
