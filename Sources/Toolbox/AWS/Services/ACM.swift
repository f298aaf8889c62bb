import Foundation

/// AWS Certificate Manager (JSON 1.1): the imported certificate of the internal gRPC ALB's HTTPS listener.
public struct ACM: AWSServiceAPI {
    public static let service = AWSService(
        name: "acm", endpointVariableID: "ACM", wireProtocol: .json(targetPrefix: "CertificateManager"))
    public let client: AWSClient

    public init(client: AWSClient) { self.client = client }

    /// PEM texts of the certificate, its private key and the chain (the private CA); returns the ARN.
    /// Giving `certificateArn` re-imports over an existing certificate.
    public func importCertificate(
        certificatePEM: String, privateKeyPEM: String, chainPEM: String? = nil, certificateArn: String? = nil,
        tags: [Tag]? = nil
    ) async throws -> String {
        let input = ImportCertificateInput(
            Certificate: Data(certificatePEM.utf8), PrivateKey: Data(privateKeyPEM.utf8),
            CertificateChain: chainPEM.map { Data($0.utf8) }, CertificateArn: certificateArn, Tags: tags)
        let output: ImportCertificateOutput = try await call("ImportCertificate", input)
        return output.CertificateArn
    }
    public func describeCertificate(certificateArn: String) async throws -> CertificateDetail {
        let output: DescribeCertificateOutput = try await call(
            "DescribeCertificate", ["CertificateArn": certificateArn])
        return output.Certificate
    }
    /// The certificate and its chain as PEM (what a client would trust), never the private key.
    public func getCertificate(certificateArn: String) async throws -> (certificatePEM: String, chainPEM: String?) {
        let output: GetCertificateOutput = try await call("GetCertificate", ["CertificateArn": certificateArn])
        return (output.Certificate, output.CertificateChain)
    }
    public func listCertificates() async throws -> [CertificateSummary] {
        try await pages(
            "ListCertificates", PageInput(), token: \.NextToken,
            next: \ListCertificatesOutput.NextToken, items: \.CertificateSummaryList)
    }
    public func listTagsForCertificate(certificateArn: String) async throws -> [Tag] {
        let output: TagsOutput = try await call("ListTagsForCertificate", ["CertificateArn": certificateArn])
        return output.Tags ?? []
    }
    public func deleteCertificate(certificateArn: String) async throws {
        try await perform("DeleteCertificate", ["CertificateArn": certificateArn])
    }
}

extension ACM {
    public typealias Tag = AWSTag
    public struct CertificateDetail: Decodable, Sendable, Equatable {
        public var CertificateArn: String
        public var DomainName: String?
        /// IMPORTED, AMAZON_ISSUED or PRIVATE.
        public var `Type`: String?
    }
    /// Blobs travel as base64 in JSON, which is how JSONEncoder writes `Data`.
    struct ImportCertificateInput: Encodable {
        var Certificate: Data, PrivateKey: Data, CertificateChain: Data?, CertificateArn: String?, Tags: [Tag]?
    }
    struct ImportCertificateOutput: Decodable { var CertificateArn: String }
    struct DescribeCertificateOutput: Decodable { var Certificate: CertificateDetail }
    struct GetCertificateOutput: Decodable { var Certificate: String, CertificateChain: String? }
    public struct CertificateSummary: Decodable, Sendable, Equatable {
        public var CertificateArn: String
        public var DomainName: String?
    }
    struct PageInput: Encodable { var NextToken: String? }
    struct ListCertificatesOutput: Decodable { var CertificateSummaryList: [CertificateSummary], NextToken: String? }
    struct TagsOutput: Decodable { var Tags: [Tag]? }
}
