import Foundation
import ToolboxAWS
import ToolboxCore

/// ALARMS: CloudWatch alarms a rollout watches during every bake; any of them in ALARM fails the
/// gate (and rolls back). Read from CloudWatch on both targets: on local only when an endpoint
/// (AWS_ENDPOINT_URL) or AWS credentials are configured, else the setting is refused up front.
struct AlarmGate: Sendable {
    let names: [String]
    let cloudWatch: CloudWatch
    /// Alarms are asked at most this often: each ask is an API call.
    static let pollInterval: Duration = .seconds(1)

    /// Nil when no ALARMS are set.
    static func make(_ settings: ToolboxSettings) throws -> AlarmGate? {
        guard !settings.alarms.isEmpty else { return nil }
        let values = settings.values
        let hasCredentials = ["AWS_ACCESS_KEY_ID", "AWS_PROFILE", "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_WEB_IDENTITY_TOKEN_FILE"]
            .contains { !(values[$0] ?? "").isEmpty }
        guard settings.target == .aws || !(values["AWS_ENDPOINT_URL"] ?? "").isEmpty || hasCredentials else {
            throw ToolboxError.refused(
                "ALARMS needs CloudWatch: set AWS_ENDPOINT_URL or AWS credentials (and AWS_DEFAULT_REGION), or leave ALARMS empty")
        }
        do {
            return AlarmGate(names: settings.alarms, cloudWatch: CloudWatch(client: try AWSClient.fromEnvironment(values)))
        } catch {
            throw ToolboxError.refused("ALARMS needs CloudWatch, which cannot be reached: \(error)")
        }
    }

    /// Fails the gate when any alarm is in ALARM; an alarm CloudWatch does not know fails it too.
    func check() async throws {
        let alarms = try await cloudWatch.describeAlarms(names: names)
        if let firing = alarms.first(where: { $0.StateValue == "ALARM" }) {
            throw GateFailure(reason: "alarm \(firing.AlarmName) is in ALARM\(firing.StateReason.map { ": \($0)" } ?? "")")
        }
        let known = Set(alarms.map(\.AlarmName))
        if let missing = names.first(where: { !known.contains($0) }) {
            throw GateFailure(reason: "alarm \(missing) does not exist in CloudWatch")
        }
    }
}
