import CCurl
import Foundation
import Synchronization

/// `HTTPTransport` over libcurl: the only file in the toolbox that touches curl.
///
/// Each transfer runs on a thread of its own: curl blocks its thread, which must never be one of
/// Swift's cooperative threads, nor a dispatch worker (dispatch caps its workers near the core count,
/// so a few slow transfers would hold every other call in a queue). Easy handles go back to a small
/// pool after each call; an easy handle keeps its connections open, so sequential calls to one host
/// reuse one TLS connection.
public final class CurlTransport: HTTPTransport, Sendable {
    public let options: Options
    private let idleHandles = Mutex<[EasyHandle]>([])
    private static let globalInit: Void = {
        // CURL_GLOBAL_SSL | CURL_GLOBAL_WIN32 (CURL_GLOBAL_DEFAULT is a macro Swift cannot import).
        _ = curl_global_init(3)
    }()

    public init(options: Options = Options()) {
        Self.globalInit
        self.options = options
    }

    deinit {
        idleHandles.withLock { handles in
            for handle in handles { curl_easy_cleanup(handle.pointer) }
            handles.removeAll()
        }
    }

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        try await run(request, body: .bytes(request.body))
    }

    /// Sends the file at `path` as the body (read as curl sends it, never loaded whole);
    /// `request.body` is ignored. Content-Length is the file's size.
    public func send(_ request: HTTPRequest, bodyFromFile path: String) async throws -> HTTPResponse {
        try await run(request, body: .file(path))
    }

    private func run(_ request: HTTPRequest, body: RequestBody) async throws -> HTTPResponse {
        let transfer = Transfer()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let thread = Thread {
                    continuation.resume(with: Result { try self.perform(request, body: body, transfer: transfer) })
                }
                thread.name = "curl-transfer"
                thread.start()
            }
        } onCancel: {
            transfer.cancelled.store(true, ordering: .relaxed)
        }
    }

    /// Runs one transfer to completion on the calling (transfer) thread.
    private func perform(_ request: HTTPRequest, body: RequestBody, transfer: Transfer) throws -> HTTPResponse {
        if transfer.cancelled.load(ordering: .relaxed) {
            throw HTTPTransportError(kind: .cancelled, url: request.url, message: "cancelled before it was sent")
        }
        let handle = takeHandle()
        var reusable = true
        defer { returnHandle(handle, reusable: reusable) }
        let easy = handle.pointer
        let headerList = curlHeaderList(for: request, body: body)
        defer { curl_slist_free_all(headerList) }
        configure(easy, for: request, headerList: headerList, transfer: transfer)
        let code = try sendBody(easy, request: request, body: body, transfer: transfer)
        guard code == CURLE_OK else {
            reusable = false
            throw transportError(code, url: request.url, detail: String(cString: transfer.errorBuffer))
        }
        var status = 0
        _ = toolbox_curl_get_long(easy, CURLINFO_RESPONSE_CODE, &status)
        return HTTPResponse(status: status, headers: transfer.headers, body: transfer.body)
    }

    /// Sets a fresh transfer up: the URL, limits and trust, the headers, and the callbacks that
    /// collect the answer into `transfer` (and abort it once cancelled).
    private func configure(
        _ easy: UnsafeMutableRawPointer, for request: HTTPRequest, headerList: UnsafeMutablePointer<curl_slist>?,
        transfer: Transfer
    ) {
        let context = Unmanaged.passUnretained(transfer).toOpaque()
        curl_easy_reset(easy)
        _ = toolbox_curl_set_string(easy, CURLOPT_URL, request.url)
        _ = toolbox_curl_set_long(easy, CURLOPT_NOSIGNAL, 1)
        // Only the web: no file://, no other scheme a URL (or a redirect) could name.
        _ = toolbox_curl_set_string(easy, CURLOPT_PROTOCOLS_STR, "http,https")
        _ = toolbox_curl_set_string(easy, CURLOPT_REDIR_PROTOCOLS_STR, "http,https")
        _ = toolbox_curl_set_long(easy, CURLOPT_CONNECTTIMEOUT_MS, options.connectTimeout.milliseconds)
        _ = toolbox_curl_set_long(easy, CURLOPT_TIMEOUT_MS, options.totalTimeout.milliseconds)
        _ = toolbox_curl_set_long(easy, CURLOPT_FOLLOWLOCATION, options.followRedirects ? 1 : 0)
        _ = toolbox_curl_set_long(easy, CURLOPT_SSL_VERIFYPEER, 1)
        _ = toolbox_curl_set_long(easy, CURLOPT_SSL_VERIFYHOST, 2)
        if let bundle = options.caBundlePath { _ = toolbox_curl_set_string(easy, CURLOPT_CAINFO, bundle) }
        if options.http2PriorKnowledge { _ = toolbox_curl_set_long(easy, CURLOPT_HTTP_VERSION, Int(CURL_HTTP_VERSION_2_PRIOR_KNOWLEDGE)) }
        _ = toolbox_curl_set_slist(easy, CURLOPT_HTTPHEADER, headerList)
        _ = toolbox_curl_set_pointer(easy, CURLOPT_ERRORBUFFER, transfer.errorBuffer)
        _ = toolbox_curl_set_callback(easy, CURLOPT_WRITEFUNCTION) { data, size, count, context in
            let transfer = Unmanaged<Transfer>.fromOpaque(context!).takeUnretainedValue()
            let length = size * count
            if let data, length > 0 {
                data.withMemoryRebound(to: UInt8.self, capacity: length) {
                    transfer.body.append(contentsOf: UnsafeBufferPointer(start: $0, count: length))
                }
            }
            return length
        }
        _ = toolbox_curl_set_pointer(easy, CURLOPT_WRITEDATA, context)
        _ = toolbox_curl_set_callback(easy, CURLOPT_HEADERFUNCTION) { data, size, count, context in
            let transfer = Unmanaged<Transfer>.fromOpaque(context!).takeUnretainedValue()
            let length = size * count
            if let data { transfer.receiveHeaderLine(UnsafeRawBufferPointer(start: data, count: length)) }
            return length
        }
        _ = toolbox_curl_set_pointer(easy, CURLOPT_HEADERDATA, context)
        _ = toolbox_curl_set_long(easy, CURLOPT_NOPROGRESS, 0)
        _ = toolbox_curl_set_progress_callback(easy) { context, _, _, _, _ in
            Unmanaged<Transfer>.fromOpaque(context!).takeUnretainedValue().cancelled.load(ordering: .relaxed) ? 1 : 0
        }
        _ = toolbox_curl_set_pointer(easy, CURLOPT_XFERINFODATA, context)
    }

    /// Hands curl the body (bytes in memory, or a file it reads as it sends) and performs the transfer.
    private func sendBody(
        _ easy: UnsafeMutableRawPointer, request: HTTPRequest, body: RequestBody, transfer: Transfer
    ) throws -> CURLcode {
        let context = Unmanaged.passUnretained(transfer).toOpaque()
        switch body {
        case .bytes(let bytes):
            return bytes.withUnsafeBufferPointer { buffer in
                setMethod(easy, request.method, bodyLength: buffer.count, bodyPointer: buffer.baseAddress)
                return curl_easy_perform(easy)
            }
        case .file(let path):
            guard let file = fopen(path, "rb") else {
                throw HTTPTransportError(kind: .invalidRequest, url: request.url, message: "cannot read \(path)")
            }
            defer { fclose(file) }
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            transfer.uploadFile = file
            _ = toolbox_curl_set_long(easy, CURLOPT_UPLOAD, 1)
            _ = toolbox_curl_set_offset(easy, CURLOPT_INFILESIZE_LARGE, curl_off_t(size))
            _ = toolbox_curl_set_callback(easy, CURLOPT_READFUNCTION) { buffer, size, count, context in
                let transfer = Unmanaged<Transfer>.fromOpaque(context!).takeUnretainedValue()
                return fread(buffer, size, count, transfer.uploadFile)
            }
            _ = toolbox_curl_set_pointer(easy, CURLOPT_READDATA, context)
            if request.method != "PUT" { _ = toolbox_curl_set_string(easy, CURLOPT_CUSTOMREQUEST, request.method) }
            return curl_easy_perform(easy)
        }
    }

    /// Chooses how curl sends the method: plain GET and HEAD, otherwise the bytes as given.
    private func setMethod(
        _ easy: UnsafeMutableRawPointer, _ method: String, bodyLength: Int, bodyPointer: UnsafePointer<UInt8>?
    ) {
        switch method {
        case "GET" where bodyLength == 0:
            _ = toolbox_curl_set_long(easy, CURLOPT_HTTPGET, 1)
        case "HEAD":
            _ = toolbox_curl_set_long(easy, CURLOPT_NOBODY, 1)
        case "DELETE" where bodyLength == 0:
            _ = toolbox_curl_set_string(easy, CURLOPT_CUSTOMREQUEST, method)
        default:
            _ = toolbox_curl_set_offset(easy, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(bodyLength))
            // An empty body still needs a valid pointer, or curl would read the body from a callback.
            _ = toolbox_curl_set_body_pointer(easy, bodyPointer.map(UnsafeRawPointer.init) ?? Self.emptyBody)
            if method != "POST" { _ = toolbox_curl_set_string(easy, CURLOPT_CUSTOMREQUEST, method) }
        }
    }

    /// Never written to; shared only as "a valid address" for empty bodies.
    nonisolated(unsafe) private static let emptyBody = UnsafeRawPointer(
        UnsafeMutableRawPointer.allocate(byteCount: 1, alignment: 1))

    /// The request's headers as curl expects them, minus curl's own additions nobody asked for.
    private func curlHeaderList(for request: HTTPRequest, body: RequestBody) -> UnsafeMutablePointer<curl_slist>? {
        var list: UnsafeMutablePointer<curl_slist>?
        // "Name;" is curl's spelling of a header with an empty value; "Name:" would remove it.
        for (name, value) in request.headers {
            list = curl_slist_append(list, value.isEmpty ? "\(name);" : "\(name): \(value)")
        }
        let names = Set(request.headers.map { $0.name.lowercased() })
        // 100-continue costs a round trip (or a one-second wait) on every large body.
        if !names.contains("expect") { list = curl_slist_append(list, "Expect:") }
        // curl labels bodies as form data unless told otherwise; unsigned guesses confuse servers.
        if !names.contains("content-type") { list = curl_slist_append(list, "Content-Type:") }
        return list
    }

    private func takeHandle() -> EasyHandle {
        idleHandles.withLock { $0.popLast() } ?? EasyHandle(pointer: curl_easy_init()!)
    }

    /// Keeps the handle (and its connections) for the next call, unless the transfer broke it.
    private func returnHandle(_ handle: EasyHandle, reusable: Bool) {
        let kept =
            reusable
            && idleHandles.withLock { handles in
                guard handles.count < options.maxIdleHandles else { return false }
                handles.append(handle)
                return true
            }
        if !kept { curl_easy_cleanup(handle.pointer) }
    }

    private func transportError(_ code: CURLcode, url: String, detail: String) -> HTTPTransportError {
        let kind: HTTPTransportError.Kind
        switch code {
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY, CURLE_COULDNT_CONNECT, CURLE_SEND_ERROR,
            CURLE_RECV_ERROR, CURLE_GOT_NOTHING, CURLE_PARTIAL_FILE, CURLE_HTTP2, CURLE_HTTP2_STREAM:
            kind = .connect
        case CURLE_OPERATION_TIMEDOUT: kind = .timeout
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CACERT_BADFILE,
            CURLE_SSL_CERTPROBLEM:
            kind = .tls
        case CURLE_ABORTED_BY_CALLBACK: kind = .cancelled
        case CURLE_URL_MALFORMAT, CURLE_UNSUPPORTED_PROTOCOL, CURLE_READ_ERROR: kind = .invalidRequest
        default: kind = .other
        }
        let message = detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
        return HTTPTransportError(kind: kind, url: url, message: message)
    }
}

/// Where a request's body comes from.
private enum RequestBody: Sendable {
    case bytes([UInt8])
    case file(String)
}

/// An idle curl easy handle; only ever used by one transfer at a time.
private struct EasyHandle: @unchecked Sendable {
    let pointer: UnsafeMutableRawPointer
}

/// What one transfer accumulates; touched by curl's callbacks on the transfer's thread only,
/// except `cancelled`, which the cancelling task sets.
private final class Transfer: @unchecked Sendable {
    var body: [UInt8] = []
    var headers: [(name: String, value: String)] = []
    var uploadFile: UnsafeMutablePointer<FILE>?
    let cancelled = Atomic<Bool>(false)
    let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE))

    init() { errorBuffer.initialize(to: 0) }
    deinit { errorBuffer.deallocate() }

    func receiveHeaderLine(_ bytes: UnsafeRawBufferPointer) {
        let line = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        // A new status line (after 100 Continue or a followed redirect) starts a new header block.
        if line.hasPrefix("HTTP/") {
            headers.removeAll()
            return
        }
        guard let colon = line.firstIndex(of: ":") else { return }
        let name = String(line[..<colon])
        let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        headers.append((name: name, value: value))
    }
}

extension Duration {
    /// Whole milliseconds, as curl's *_MS options take them.
    fileprivate var milliseconds: Int {
        Int(components.seconds) * 1000 + Int(components.attoseconds / 1_000_000_000_000_000)
    }
}
