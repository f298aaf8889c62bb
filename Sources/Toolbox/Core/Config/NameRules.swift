import Foundation

/// The one place that decides which names and paths may reach HAProxy, image tags, AWS and
/// shell-free command lines; each rule is checked before anything starts, with a one-line
/// refusal (exit 2) that names the value.
public enum NameRules {
    /// A version becomes part of HAProxy server names, OCI tags and AWS names; HAProxy refuses
    /// '+' in server names, AWS takes few punctuation marks, so only these pass.
    static let versionPattern = "^[0-9A-Za-z][0-9A-Za-z._-]{0,40}$"
    static let projectNamePattern = "^[a-z]([a-z0-9-]{0,29}[a-z0-9])?$"

    public static func version(_ text: String, source: String) throws(ToolboxError) {
        guard matches(text, versionPattern) else {
            throw .refused("\(source) must be 1-41 letters, digits, '.', '_' or '-', starting with a letter or digit, got '\(text)'")
        }
    }

    public static func projectName(_ text: String, key: String = "PROJECT_NAME") throws(ToolboxError) {
        guard matches(text, projectNamePattern) else {
            throw .refused(
                "\(key) must be 1-31 lowercase letters, digits or '-', starting with a letter and not ending with '-', got '\(text)'"
            )
        }
    }

    /// A task's name as HAProxy's `add server` takes it.
    package static func haproxyServerName(_ text: String) throws(ToolboxError) {
        guard matches(text, "^[0-9A-Za-z][0-9A-Za-z._-]{0,62}$") else {
            throw .refused("'\(text)' cannot name an HAProxy server (letters, digits, '.', '_' or '-' only)")
        }
    }

    /// A path written into HAProxy's configuration (single-quoted there) and used as a unix socket.
    package static func haproxyPath(_ path: String) throws(ToolboxError) {
        guard !path.contains("'"), !path.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
            throw .refused("the project path \(path) holds a quote or a control character HAProxy's configuration cannot carry; move the project or set TOOLBOX_DIR")
        }
        guard path.utf8.count < 108 else {
            throw .refused("HAProxy's socket path is too long for a unix socket: \(path); set TOOLBOX_DIR to a shorter path")
        }
    }

    /// One runtime API command: HAProxy would run what follows a ';' or a newline as another.
    package static func runtimeCommand(_ command: String) throws(ToolboxError) {
        guard !command.contains(where: { $0 == ";" || $0.isNewline }) else {
            throw .refused("refusing an HAProxy runtime command holding ';' or a newline: \(command.debugDescription)")
        }
    }

    /// REGISTRY=host[:port][/namespace], optionally with http:// or https://.
    public static func registry(_ text: String) throws(ToolboxError) {
        var rest = Substring(text)
        for scheme in ["http://", "https://"] where rest.hasPrefix(scheme) { rest = rest.dropFirst(scheme.count) }
        let host = "([A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?|\\[[0-9A-Fa-f:]+\\])(:[0-9]{1,5})?"
        guard matches(String(rest), "^\(host)(/[a-z0-9]+([._/-][a-z0-9]+)*)?/?$") else {
            throw .refused("REGISTRY must be host[:port][/namespace] (like registry.example.com/team), got '\(text)'")
        }
    }

    /// TASK_NETWORK: three decimal octets of 127.0.0.0/8, nothing but digits and dots.
    static func taskNetwork(_ text: String) throws(ToolboxError) {
        let octets = text.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 3, octets[0] == "127",
            octets.allSatisfy({ (1...3).contains($0.count) && $0.allSatisfy(\.isASCIIDigit) && (Int($0) ?? 256) <= 255 })
        else {
            throw .refused("TASK_NETWORK must be three octets of 127.0.0.0/8 (like 127.0.10), got '\(text)'")
        }
    }

    /// A lowercase HTTP/2 header name (gRPC metadata key) that HAProxy and ELB rules can match.
    package static func headerName(_ name: String, key: String) throws(ToolboxError) {
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789-_")
        guard (1...40).contains(name.count), name.allSatisfy(allowed.contains), !name.hasPrefix("grpc-"), name.first != "-" else {
            throw .refused("\(key) must be a lowercase header name (letters, digits, '-', '_', not grpc-...), got '\(name)'")
        }
    }

    private static func matches(_ text: String, _ pattern: String) -> Bool {
        text.range(of: pattern, options: .regularExpression) != nil
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
