import Foundation

/// What goes into an image for one executable: the binary, how it runs, what else it needs.
public struct ImageRecipe: Sendable, Equatable {
    /// The image (and repository) name, e.g. "echo-server".
    public var name: String
    /// The built executable to ship; its shared-library closure comes with it.
    public var executable: URL
    /// Arguments after the executable in the entrypoint.
    public var arguments: [String]
    public var exposedPorts: [Int]
    /// KEY=VALUE pairs set when the image runs.
    public var environment: [String]
    /// Ships the host's CA bundle for executables that make TLS calls.
    public var includesCACertificates: Bool
    /// Where the bundle is read from on this machine.
    public var caCertificatesFile: URL
    /// org.opencontainers.image.source, e.g. the repository's URL.
    public var source: String?
    /// Ships the executable without its symbol tables (`strip`), often half its size.
    public var stripsExecutable: Bool

    public init(
        name: String,
        executable: URL,
        arguments: [String] = [],
        exposedPorts: [Int] = [],
        environment: [String] = [],
        includesCACertificates: Bool = false,
        caCertificatesFile: URL = URL(fileURLWithPath: "/etc/ssl/certs/ca-certificates.crt"),
        source: String? = nil,
        stripsExecutable: Bool = false
    ) {
        self.name = name
        self.executable = executable
        self.arguments = arguments
        self.exposedPorts = exposedPorts
        self.environment = environment
        self.includesCACertificates = includesCACertificates
        self.caCertificatesFile = caCertificatesFile
        self.source = source
        self.stripsExecutable = stripsExecutable
    }

    /// Where the executable lives inside the image.
    public var executablePathInImage: String { "/usr/local/bin/\(name)" }
}
