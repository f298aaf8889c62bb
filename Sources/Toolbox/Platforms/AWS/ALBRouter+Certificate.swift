import Foundation
import ToolboxAWS
import ToolboxCore

/// The listener's certificate in ACM: made by `RouterCertificates` (a private CA and a server
/// certificate for `<server>.<project>.local`), imported once with the CA as its chain, and
/// found again by its project tag. The CA bundle the clients trust is read back from ACM, so any
/// checkout gives the clients the CA that signed the certificate the listener serves.
extension ALBRouter {
    func ensureCertificate(_ changes: InfraChanges) async throws -> String {
        let acm = aws.acm
        return try await changes.ensure("certificate for \(names.virtualService) in ACM (signed by the project's private CA)")
        {
            try await projectCertificates().first
        } create: {
            let issued = try certificates.ensure()
            let arn = try await acm.importCertificate(
                certificatePEM: issued.certificatePEM,
                privateKeyPEM: issued.privateKeyPEM,
                chainPEM: issued.caPEM,
                tags: [.init(key: AWSNames.projectTagKey, value: names.project)]
            )
            context.remember(\.caBundle, issued.caPEM)
            return arn
        }
    }

    /// The PEM of the CA that signed the listener's certificate (the first of the chain imported
    /// with it; moto appends an Amazon CA of its own after it); nil before build-infra imported one.
    func caBundle() async throws -> String? {
        try await context.once(\.caBundle) {
            guard let arn = try await projectCertificates().first,
                let chain = try await aws.acm.getCertificate(certificateArn: arn).chainPEM
            else { return nil }
            return RouterCertificates.firstCertificate(in: chain)
        }
    }

    /// ARNs of the ACM certificates for the service's name tagged with the project.
    func projectCertificates() async throws -> [String] {
        var arns: [String] = []
        for summary in try await aws.acm.listCertificates() where summary.DomainName == names.virtualService {
            let tags = try await aws.acm.listTagsForCertificate(certificateArn: summary.CertificateArn)
            if tags.contains(where: { $0.Key == AWSNames.projectTagKey && $0.Value == names.project }) {
                arns.append(summary.CertificateArn)
            }
        }
        return arns
    }

    /// ACM refuses while the deleted listener still counts as using it (seconds to minutes on AWS).
    func removeCertificates(_ changes: InfraChanges) async throws {
        for arn in try await projectCertificates() {
            try await changes.remove("certificate \(arn.split(separator: "/").last ?? "") in ACM", exists: true) {
                let deadline = Date().addingTimeInterval(600)
                while true {
                    do {
                        _ = try await ignoringNotFound { try await aws.acm.deleteCertificate(certificateArn: arn) }
                        return
                    } catch let error as AWSError where error.code == "ResourceInUseException" && Date() < deadline {
                        try await Task.sleep(for: .seconds(5))
                    }
                }
            }
        }
    }
}
