import Testing
import Toolbox

/// HAProxy's status column, as the gates read it: only a task that takes calls is up, a task
/// going down (UP 1/3) still is, and one drained or in maintenance is out on purpose.
@Suite("Task health as HAProxy reports it")
struct TaskHealthTests {
    @Test(arguments: [
        ("UP", "L7OK", TaskHealth.State.up, "UP (L7OK)"),
        ("UP 1/3", "L7STS", .up, "UP 1/3 (L7STS)"),
        ("DOWN 1/2", "L7OK", .down, "DOWN 1/2 (L7OK)"),
        ("DOWN", "L4CON", .down, "DOWN (L4CON)"),
        ("DRAIN", "L7OK", .draining, "DRAIN (L7OK)"),
        ("MAINT", "", .draining, "MAINT"),
        ("no check", "", .down, "no check"),
    ])
    func statusColumn(status: String, check: String, state: TaskHealth.State, text: String) {
        let health = TaskHealth.haproxy(status: status, check: check)
        #expect(health.state == state && health.description == text)
        #expect(health.isUp == (state == .up))
    }
}
