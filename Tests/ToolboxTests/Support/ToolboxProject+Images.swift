import Foundation

extension ToolboxProject {
    /// `make image` for this project: the echo-server and echo-client images of the working
    /// tree, assembled by the `image` executable from the debug builds (tests never build release).
    func buildImages(_ names: [String] = ["echo-server", "echo-client"]) async throws {
        let ports = ["echo-server": 50051, "echo-client": 8080]
        for name in names {
            let port = ports[name] ?? 0
            let built = try await RunningCommand(
                executable: Self.binDirectory.appendingPathComponent("image"),
                arguments: [
                    "build", "--project-root", directory.path, "--name", name,
                    "--executable", Self.binDirectory.appendingPathComponent(name).path, "--port", String(port), "--strip",
                ],
                environment: ProcessInfo.processInfo.environment
            ).finish(timeout: .seconds(180))
            guard built.status == 0 else { throw ProjectFailure("image build \(name) failed: \(built.output)") }
        }
    }

    /// The command line a process runs, from /proc (empty once it is gone).
    static func commandLine(of pid: Int32) -> [String] {
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return [] }
        return data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The digest the project's image store gives `name:tag`, from the layout's index.json.
    func imageDigest(_ name: String, tag: String) -> String? {
        let index = directory.appendingPathComponent(".toolbox/images/\(name)/index.json")
        guard let data = try? Data(contentsOf: index),
            let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let manifests = json["manifests"] as? [[String: Any]]
        else { return nil }
        let entry = manifests.first { ($0["annotations"] as? [String: String])?["org.opencontainers.image.ref.name"] == tag }
        return entry?["digest"] as? String
    }
}
