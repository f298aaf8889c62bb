import Foundation

/// Paths of the repository and the AWS fixtures, found from this file's location.
enum TestPaths {
    static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static let awsFixtures = repositoryRoot.appendingPathComponent("Tests/ToolboxTests/Fixtures/AWS")

    static func script(_ name: String) -> String { repositoryRoot.appendingPathComponent("scripts/\(name)").path }

    static func fixture(_ name: String) -> String { awsFixtures.appendingPathComponent(name).path }
}
