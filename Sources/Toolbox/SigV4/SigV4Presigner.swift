import Foundation
import ToolboxHTTP

extension SigV4Signer {
    /// Signs `request` in its query string instead of a header, producing a URL that works without
    /// credentials until `expires` seconds after `date` (as `aws ... presign` and botocore's
    /// SigV4QueryAuth do). The body, if any, is signed by its hash; headers other than Host must be
    /// sent unchanged with the URL.
    public static func presign(
        _ request: HTTPRequest, credentials: AWSCredentials, region: String, service: String, date: Date,
        expires: Int = 3600
    ) -> Signature {
        let timestamp = SigV4Timestamp(date)
        var request = request
        request.headers.removeAll { ["authorization", "x-amz-date"].contains($0.name.lowercased()) }
        let scope = credentialScope(date: timestamp.date, region: region, service: service)
        var authParameters = [
            ("X-Amz-Algorithm", algorithm),
            ("X-Amz-Credential", "\(credentials.accessKeyID)/\(scope)"),
            ("X-Amz-Date", timestamp.dateTime),
            ("X-Amz-Expires", String(expires)),
            ("X-Amz-SignedHeaders", canonicalHeaders(request).signedHeaders),
        ]
        if let token = credentials.sessionToken { authParameters.append(("X-Amz-Security-Token", token)) }
        let separator = SigningURL(request.url).query.isEmpty ? (request.url.hasSuffix("?") ? "" : "?") : "&"
        request.url += separator + URIEncoding.formBody(authParameters)

        let canonical = canonicalRequest(request, payloadHash: Digest.hex(Digest.sha256(request.body)))
        let toSign = stringToSign(canonicalRequest: canonical.text, timestamp: timestamp.dateTime, scope: scope)
        let key = signingKey(
            secret: credentials.secretAccessKey, date: timestamp.date, region: region, service: service)
        let signature = self.signature(signingKey: key, stringToSign: toSign)
        request.url += "&X-Amz-Signature=\(signature)"
        return Signature(
            canonicalRequest: canonical.text, stringToSign: toSign, signature: signature,
            signedHeaders: canonical.signedHeaders, signedRequest: request)
    }
}
