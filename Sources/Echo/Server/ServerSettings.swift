import EchoService
import EchoVersion

/// The server's settings, from the environment as in the original (PORT), plus ours.
///
/// - `PORT`: TCP port, default 50051 (0 picks a free one, printed at start-up).
/// - `BIND_ADDRESS`: address to listen on, default 0.0.0.0 (all IPv4 interfaces).
/// - `TLS_CERT_FILE`, `TLS_KEY_FILE`: PEM certificate chain and key; both or neither.
/// - `DRAIN_SECONDS`: how long in-flight calls may take to finish after SIGTERM, default 10.
/// - `ECHO_VERSION`: the version to report instead of the compiled `echoServerVersion`; the
///   toolbox sets it to the revision's version, so a rehearsal can run two versions of one build.
/// - `METRICS_EMF_SECONDS`, `METRICS_NAMESPACE`, `METRICS_SERVICE`, `METRICS_REVISION`: call
///   outcomes as CloudWatch EMF lines on standard output; see `MetricsSettings`, docs/echo-metrics.md.
struct ServerSettings {
    var host = "0.0.0.0"
    var port = 50051
    var tls: (certificateFile: String, keyFile: String)?
    var drainSeconds = 10.0
    var faults = FaultInjection.off
    var version = echoServerVersion
    /// Nil: calls are neither counted nor reported.
    var metrics: MetricsSettings?

    init(environment: [String: String]) throws(ConfigurationError) {
        let listen = try ListenAddress(environment: environment, defaultPort: 50051)
        host = listen.host
        port = listen.port
        switch (environment["TLS_CERT_FILE"], environment["TLS_KEY_FILE"]) {
        case (nil, nil):
            tls = nil
        case (let certificate?, let key?):
            tls = (certificate, key)
        default:
            throw ConfigurationError("set both TLS_CERT_FILE and TLS_KEY_FILE for TLS, or neither")
        }
        if let text = environment["DRAIN_SECONDS"] {
            guard let seconds = Double(text), seconds >= 0 else {
                throw ConfigurationError("DRAIN_SECONDS must be a number of seconds, got '\(text)'")
            }
            drainSeconds = seconds
        }
        if let text = environment["ECHO_VERSION"] {
            guard !text.isEmpty, text.utf8.count <= 64, !text.contains(where: \.isWhitespace) else {
                throw ConfigurationError("ECHO_VERSION must be a short version without spaces, got '\(text)'")
            }
            version = text
        }
        faults = try FaultInjection(environment: environment)
        metrics = try MetricsSettings.from(environment: environment, revision: version)
    }
}
