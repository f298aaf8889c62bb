import Foundation
import Testing

@testable import ToolboxCore
@testable import ToolboxLocal

/// One validation for every name that reaches HAProxy, image tags or AWS, and for the settings
/// that become addresses and waits: refused with one line (exit 2) before anything starts.
@Suite struct NameRulesTests {
    static let project = URL(fileURLWithPath: "/tmp/project")

    @Test("Values HAProxy, AWS or the clock cannot take are refused when settings are read", arguments: [
        ("VERSION", "1.0+build", "VERSION must be 1-41 letters, digits, '.', '_' or '-', starting with a letter or digit, got '1.0+build'"),
        ("VERSION", "1.0;show", "VERSION must be 1-41 letters, digits, '.', '_' or '-', starting with a letter or digit, got '1.0;show'"),
        ("TASK_NETWORK", "127.+0.+10", "TASK_NETWORK must be three octets of 127.0.0.0/8 (like 127.0.10), got '127.+0.+10'"),
        ("TASK_NETWORK", "127.0.0010", "TASK_NETWORK must be three octets of 127.0.0.0/8 (like 127.0.10), got '127.0.0010'"),
        ("LOCK_WAIT", "inf", "LOCK_WAIT must be a number of seconds from 0 to 86400, got 'inf'"),
        ("LOCK_WAIT", "nan", "LOCK_WAIT must be a number of seconds from 0 to 86400, got 'nan'"),
    ])
    func unsafeSettingsAreRefused(key: String, value: String, message: String) {
        #expect(throws: ToolboxError.refused(message)) {
            try ToolboxSettings(projectDirectory: Self.project, values: [key: value])
        }
    }

    @Test("Registry values are host[:port][/namespace] and nothing more", arguments: [
        ("registry.example.com/team", true), ("127.0.0.1:5000", true), ("https://[::1]:5000/a/b", true),
        ("x\"; touch y; echo \"", false), ("host/Team", false), ("host:port", false), ("a b", false),
    ])
    func registryValues(_ text: String, _ accepted: Bool) {
        #expect(((try? NameRules.registry(text)) != nil) == accepted, "\(text)")
    }

    @Test("HAProxy runtime commands carrying ';' or a newline are refused before they are sent")
    func runtimeCommandsCarryNoSeparator() throws {
        // No HAProxy listens here: the refusal must come before any connection.
        let runtime = HAProxyRuntime(socketPath: "/nonexistent/haproxy.sock")
        #expect(throws: ToolboxError.refused("refusing an HAProxy runtime command holding ';' or a newline: \"set weight a/b 0; shutdown sessions server a/b\"")) {
            try runtime.send(["set weight a/b 0; shutdown sessions server a/b"])
        }
        #expect(throws: ToolboxError.self) { try runtime.send(["show info\nshow stat"]) }
    }

    @Test("A version constant HAProxy would refuse stops infra up before anything starts")
    func versionConstantIsCheckedUpFront() async throws {
        let project = try ToolboxProject(version: "1.0+build")
        defer { project.cleanUp() }
        let up = try await project.run("infra", ["up"])
        #expect(up.status == 2, "\(up.output)")
        #expect(up.output.contains("the version constant echoServerVersion in Sources/Echo/Version/EchoVersion.swift must be"), "\(up.output)")
        #expect(project.recordedPIDs().isEmpty)
        #expect(!FileManager.default.fileExists(atPath: project.directory.appendingPathComponent(".toolbox/local/haproxy.cfg").path))
    }
}
