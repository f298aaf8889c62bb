/// `.env-sample` as the settings table renders it: its sections in order, each key on one line
/// with its one-line doc; keys given for one command or by tooling stay out of it.
extension SettingsTable {
    /// A key in `.env-sample`: set (uncommented) or shown commented out.
    public struct SampleLine: Sendable {
        public var entry: SettingEntry
        public var commented: Bool
    }

    public struct Section: Sendable {
        public var intro: [String]
        public var lines: [SampleLine]
    }

    public static let sections: [Section] = [
        Section(intro: ["The original example's keys."], lines: [
            set(projectName.entry), set(awsDefaultRegion.entry), set(awsAccountID.entry), set(envoyImage.entry),
            set(keyPair.entry),
        ]),
        Section(
            intro: [
                "Where to deploy: local (processes on loopback + HAProxy) is the default and needs nothing else;",
                "aws needs AWS_DEFAULT_REGION and AWS_ACCOUNT_ID above (see docs/aws-platform.md).",
            ],
            lines: [set(target.entry)]
        ),
        Section(intro: ["aws target only."], lines: [
            set(trafficRouter.entry), commented(bastionImage.entry), commented(serverImage.entry),
            commented(clientImage.entry), commented(allowDirty.entry), commented(drainTimeout.entry),
            commented(awsEndpointURL.entry), commented(publicURL.entry),
        ]),
        Section(intro: ["Task counts."], lines: [set(serverTasks.entry), set(clientTasks.entry)]),
        Section(
            intro: [
                "Rollout, with gates at every step: the new revision is rolled back when more than ERROR_RATE",
                "percent of its calls fail during a bake (once MIN_REQUESTS calls were seen), or when it loses a task.",
            ],
            lines: [
                set(steps.entry), set(bake.entry), set(healthTimeout.entry), set(errorRate.entry), set(minRequests.entry),
                set(onTaskLoss.entry), set(alarms.entry), set(smoke.entry), set(canaryHeader.entry), set(shareTolerance.entry),
                set(strictShare.entry), set(keepPrevious.entry),
            ]
        ),
        Section(intro: ["Local target."], lines: [
            set(publicPort.entry), set(virtualServicePort.entry), set(taskNetwork.entry), set(localArtifact.entry),
        ]),
    ]

    /// Keys a user gives for one command (make update VERSION=1.0) or that tooling sets.
    public static let outsideTheSample: [SettingEntry] = [
        version.entry, taskEnvironment.entry, plan.entry, servicesFile.entry, lockWait.entry, stateDirectory.entry, binDirectory.entry,
        awsRegion.entry, awsPollInterval.entry,
    ]

    /// Every key the toolbox reads.
    public static var all: [SettingEntry] { sections.flatMap { $0.lines.map(\.entry) } + outsideTheSample }

    /// The text of `.env-sample`.
    public static func sampleText() -> String {
        var lines = ["# Copy to .env and edit: cp .env-sample .env. Make variables and the environment override these."]
        for section in sections {
            lines.append("")
            lines += section.intro.map { "# " + $0 }
            lines += section.lines.map(render)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `KEY=VALUE`, its doc from column 32 (or two spaces on), commented out when asked.
    private static func render(_ line: SampleLine) -> String {
        let assignment = (line.commented ? "# " : "") + "\(line.entry.name)=\(line.entry.sample)"
        let padding = String(repeating: " ", count: max(2, 31 - assignment.count))
        return assignment + padding + "# " + line.entry.doc
    }

    private static func set(_ entry: SettingEntry) -> SampleLine { SampleLine(entry: entry, commented: false) }
    private static func commented(_ entry: SettingEntry) -> SampleLine { SampleLine(entry: entry, commented: true) }
}
