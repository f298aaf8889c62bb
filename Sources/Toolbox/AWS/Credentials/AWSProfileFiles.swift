import Foundation

/// The shared files `~/.aws/credentials` and `~/.aws/config`, read as the AWS CLI reads them.
///
/// In the credentials file a section is `[name]`; in the config file it is `[profile name]`
/// (or `[default]`). Values from the credentials file win over the config file's.
public struct AWSProfileFiles: Sendable, Equatable {
    /// Settings per profile name, keys lower-cased (`aws_access_key_id`, `region`, ...).
    public var profiles: [String: [String: String]]

    public init(profiles: [String: [String: String]]) { self.profiles = profiles }

    /// Reads both files from where the environment says (AWS_SHARED_CREDENTIALS_FILE,
    /// AWS_CONFIG_FILE) or from `home/.aws/`; missing files are simply empty.
    public static func load(environment: [String: String], homeDirectory: String) -> AWSProfileFiles {
        func path(_ variable: String, _ fallback: String) -> String {
            let given = environment[variable] ?? "\(homeDirectory)/.aws/\(fallback)"
            return given.hasPrefix("~/") ? homeDirectory + given.dropFirst(1) : given
        }
        let config = (try? String(contentsOfFile: path("AWS_CONFIG_FILE", "config"), encoding: .utf8)) ?? ""
        let credentials =
            (try? String(contentsOfFile: path("AWS_SHARED_CREDENTIALS_FILE", "credentials"), encoding: .utf8)) ?? ""
        return merged(config: config, credentials: credentials)
    }

    /// Both files' text merged into one set of profiles.
    public static func merged(config: String, credentials: String) -> AWSProfileFiles {
        var profiles = parse(config, isConfigFile: true)
        for (name, settings) in parse(credentials, isConfigFile: false) {
            profiles[name, default: [:]].merge(settings) { _, fromCredentials in fromCredentials }
        }
        return AWSProfileFiles(profiles: profiles)
    }

    /// One INI file: sections, `key = value` lines, `#`/`;` comments; indented lines (nested
    /// settings such as `s3 =` blocks) are skipped.
    static func parse(_ text: String, isConfigFile: Bool) -> [String: [String: String]] {
        var profiles: [String: [String: String]] = [:]
        var current: String?
        for rawLine in text.split(whereSeparator: \.isNewline) {
            if rawLine.first == " " || rawLine.first == "\t" { continue }
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("["), line.hasSuffix("]") {
                var name = line.dropFirst().dropLast().trimmingCharacters(in: .whitespaces)
                if isConfigFile, name.hasPrefix("profile ") {
                    name = name.dropFirst("profile ".count).trimmingCharacters(in: .whitespaces)
                } else if isConfigFile, name != "default" {
                    current = nil  // [sso-session x], [services x]: not profiles
                    continue
                }
                current = name
                profiles[name, default: [:]] = profiles[name] ?? [:]
                continue
            }
            guard let current, let equals = line.firstIndex(of: "=") else { continue }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            profiles[current]?[key] = value
        }
        return profiles
    }

    /// The profile's settings, or nil when it is not defined in either file.
    public func profile(_ name: String) -> [String: String]? { profiles[name] }
}
