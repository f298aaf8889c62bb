import Foundation
import ToolboxHTTP

/// Turns a non-2xx answer into an `AWSError`, whichever of the four protocols produced it:
/// JSON `__type`/`code` with or without a namespace prefix, the `x-amzn-errortype` header,
/// Query's `<ErrorResponse><Error>` and EC2's `<Response><Errors><Error>`.
enum AWSErrorDecoder {
    static func decode(_ response: HTTPResponse, service: AWSService, operation: String) -> AWSError {
        var code: String?
        var message: String?
        var requestID = AWSClient.requestID(response)
        if let header = response.header("x-amzn-errortype") { code = header }
        let trimmed = response.body.drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\n") }
        if trimmed.first == UInt8(ascii: "{"),
            let object = try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any]
        {
            code = code ?? (object["__type"] as? String) ?? (object["code"] as? String) ?? (object["Code"] as? String)
            message =
                (object["message"] as? String) ?? (object["Message"] as? String) ?? (object["errorMessage"] as? String)
        } else if trimmed.first == UInt8(ascii: "<"), let root = AWSXML.parse(response.body) {
            let error = root.descendant("Error")
            code = code ?? error?.child("Code")?.text
            message = error?.child("Message")?.text
            requestID = requestID ?? (root.descendant("RequestId") ?? root.descendant("RequestID"))?.text
        }
        let fallbackCode = response.status >= 500 ? "InternalFailure" : "HTTP\(response.status)"
        return AWSError(
            service: service.name, operation: operation, code: normalizedCode(code ?? fallbackCode),
            message: message ?? String(decoding: response.body.prefix(200), as: UTF8.self), requestID: requestID,
            status: response.status)
    }

    /// `aws.protocoltests#FooError` and `FooError:http://internal.amazon.com/...` both mean `FooError`.
    static func normalizedCode(_ raw: String) -> String {
        var code = Substring(raw)
        if let colon = code.firstIndex(of: ":") { code = code[..<colon] }
        if let hash = code.lastIndex(of: "#") { code = code[code.index(after: hash)...] }
        return code.trimmingCharacters(in: .whitespaces)
    }
}
