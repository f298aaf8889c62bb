import Foundation
@testable import ToolboxCore

/// Holds a project's lock from the test process, as a concurrent toolbox command would.
struct ProjectLockHolder {
    let lock: ProjectLock

    init(directory: URL) throws {
        lock = try ProjectLock.acquire(in: directory, command: "test holder")
    }

    func release() {
        lock.release()
    }
}
