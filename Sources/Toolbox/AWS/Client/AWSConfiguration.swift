import Foundation

/// Region and endpoints, resolved the way the AWS SDKs do, from values (never the process itself).
public struct AWSConfiguration: Sendable, Equatable {
    public var region: String
    /// Endpoint overrides: AWS_ENDPOINT_URL_<ID> values keyed by ID, and the global AWS_ENDPOINT_URL.
    public var serviceEndpoints: [String: String]
    public var globalEndpoint: String?

    public init(region: String, serviceEndpoints: [String: String] = [:], globalEndpoint: String? = nil) {
        self.region = region
        self.serviceEndpoints = serviceEndpoints
        self.globalEndpoint = globalEndpoint
    }

    /// Region from AWS_REGION, AWS_DEFAULT_REGION or the profile's `region`; endpoints from
    /// AWS_ENDPOINT_URL_<SERVICE>, AWS_ENDPOINT_URL or the profile's `endpoint_url`
    /// (all ignored when AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true).
    public static func resolve(environment: [String: String], files: AWSProfileFiles) throws -> AWSConfiguration {
        func value(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        let profile = files.profile(value("AWS_PROFILE") ?? "default") ?? [:]
        guard let region = value("AWS_REGION") ?? value("AWS_DEFAULT_REGION") ?? profile["region"] else {
            throw AWSConfigurationError(
                "no AWS region configured: set AWS_REGION (or AWS_DEFAULT_REGION, or region in the AWS_PROFILE profile)"
            )
        }
        var configuration = AWSConfiguration(region: region)
        guard value("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS")?.lowercased() != "true" else { return configuration }
        configuration.globalEndpoint = value("AWS_ENDPOINT_URL") ?? profile["endpoint_url"]
        for (name, url) in environment where name.hasPrefix("AWS_ENDPOINT_URL_") && !url.isEmpty {
            configuration.serviceEndpoints[String(name.dropFirst("AWS_ENDPOINT_URL_".count))] = url
        }
        return configuration
    }

    /// Where to send `service`'s calls and which region to sign them for.
    public func endpoint(for service: AWSService) -> (url: String, signingRegion: String) {
        let signingRegion = service.globalEndpoint?.region ?? region
        if var url = serviceEndpoints[service.endpointVariableID] ?? globalEndpoint {
            while url.hasSuffix("/") { url.removeLast() }
            return (url, signingRegion)
        }
        if let global = service.globalEndpoint { return ("https://\(global.host)", signingRegion) }
        return ("https://\(service.hostPrefix).\(region).amazonaws.com", signingRegion)
    }
}
