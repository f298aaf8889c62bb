import Foundation

/// The debug log of AWS calls: one line per call (service, operation, status, duration, attempts),
/// on when TOOLBOX_DEBUG is set. Nothing secret is ever written: see `redacted`.
public struct AWSCallLog: Sendable {
    public var isEnabled: Bool
    public var write: @Sendable (String) -> Void

    public init(isEnabled: Bool, write: @escaping @Sendable (String) -> Void = AWSCallLog.standardError) {
        self.isEnabled = isEnabled
        self.write = write
    }

    /// On when TOOLBOX_DEBUG is set to anything but "" or "0".
    public static func fromEnvironment(_ environment: [String: String]) -> AWSCallLog {
        let flag = environment["TOOLBOX_DEBUG"] ?? ""
        return AWSCallLog(isEnabled: !flag.isEmpty && flag != "0")
    }

    public static let disabled = AWSCallLog(isEnabled: false)

    @Sendable public static func standardError(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// Writes the line for one finished call.
    func record(
        service: String, operation: String, status: Int, duration: Duration, attempts: Int, requestID: String?,
        error: String? = nil
    ) {
        guard isEnabled else { return }
        let milliseconds = Double(duration.components.attoseconds) / 1e15 + Double(duration.components.seconds) * 1000
        var line = "aws \(service) \(operation) status=\(status) duration=\(String(format: "%.1f", milliseconds))ms"
        line += " retries=\(attempts - 1)"
        if let requestID { line += " request-id=\(requestID)" }
        if let error { line += " error=\"\(Self.redacted(error))\"" }
        write(line)
    }

    /// Secret-bearing fields of headers and bodies, as AWS spells them in the four protocols.
    static let secretFields = [
        "Authorization", "X-Amz-Security-Token", "aws_secret_access_key", "SecretAccessKey", "secretAccessKey",
        "SessionToken", "sessionToken", "Token", "authorizationToken", "PrivateKey", "privateKey", "Password",
        "X-aws-ec2-metadata-token",
    ]

    /// `text` with the values of secret fields replaced by `<redacted>`, whether they appear as
    /// `Name: value`, `"name": "value"`, `Name=value` or `<Name>value</Name>`.
    public static func redacted(_ text: String) -> String {
        var result = text
        for field in secretFields {
            let name = NSRegularExpression.escapedPattern(for: field)
            // An Authorization value has commas of its own: it is redacted to the end of its line.
            let value = field == "Authorization" ? "[^\\n]+" : "[^\",&\\n<]+"
            let patterns = [
                "(\(name)\"?\\s*[:=]\\s*\"?)" + value,
                "(<\(name)>)[^<]+",
            ]
            for pattern in patterns {
                guard let expression = try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive]) else {
                    continue
                }
                let range = NSRange(result.startIndex..., in: result)
                result = expression.stringByReplacingMatches(in: result, range: range, withTemplate: "$1<redacted>")
            }
        }
        return result
    }
}
