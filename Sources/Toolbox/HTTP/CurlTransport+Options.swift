extension CurlTransport {
    /// Limits and trust settings that apply to every request of this transport.
    public struct Options: Sendable, Equatable {
        /// Time allowed to establish the TCP (and TLS) connection.
        public var connectTimeout: Duration
        /// Time allowed for the whole exchange, body included.
        public var totalTimeout: Duration
        /// A PEM file of certificate authorities to trust instead of the system's; verification stays on.
        public var caBundlePath: String?
        /// Idle easy handles (and their open connections) kept for the next calls.
        public var maxIdleHandles: Int
        /// Whether to follow 3xx answers (off: signed requests must not be replayed to another host).
        public var followRedirects: Bool
        /// HTTP/2 without TLS from the first byte (h2c prior knowledge), as gRPC over plaintext speaks.
        public var http2PriorKnowledge = false

        public init(
            connectTimeout: Duration = .seconds(10), totalTimeout: Duration = .seconds(120),
            caBundlePath: String? = nil, maxIdleHandles: Int = 8, followRedirects: Bool = false
        ) {
            self.connectTimeout = connectTimeout
            self.totalTimeout = totalTimeout
            self.caBundlePath = caBundlePath
            self.maxIdleHandles = maxIdleHandles
            self.followRedirects = followRedirects
        }

        /// Defaults with the CA bundle the AWS SDKs read from `AWS_CA_BUNDLE`, when set.
        public static func fromEnvironment(_ environment: [String: String]) -> Options {
            var options = Options()
            if let bundle = environment["AWS_CA_BUNDLE"], !bundle.isEmpty { options.caBundlePath = bundle }
            return options
        }
    }
}
