import CCurl
import Foundation

/// libcurl refused an option: which one (its number in curl.h) and why.
struct CurlOptionError: Error, Sendable, Hashable, CustomStringConvertible {
    let option: UInt32
    let code: UInt32

    var description: String {
        let text = String(cString: curl_easy_strerror(CURLcode(rawValue: code)))
        return "libcurl refused option \(option): \(text)"
    }
}

/// One libcurl easy handle and the error buffer registered with it.
///
/// Explicitly not `Sendable`: libcurl forbids using an easy handle from two threads at the
/// same time. `CurlTransport` owns the only instance and touches it only on its serial queue.
/// The handle keeps its connection cache across `reset()`, so requests reuse a kept-alive
/// connection to the hub.
final class CurlHandle {
    /// The `CURL *`.
    private let raw: UnsafeMutableRawPointer
    /// Registered as CURLOPT_ERRORBUFFER; libcurl writes a detailed message on failure.
    private let errorBuffer: UnsafeMutablePointer<CChar>
    private let errorBufferSize: Int

    /// `nil` when libcurl cannot allocate a handle.
    init?() {
        guard let raw = curl_easy_init() else { return nil }
        self.raw = raw
        self.errorBufferSize = Int(ot_curl_error_buffer_size())
        self.errorBuffer = .allocate(capacity: errorBufferSize)
        errorBuffer.initialize(repeating: 0, count: errorBufferSize)
    }

    deinit {
        curl_easy_cleanup(raw)
        errorBuffer.deallocate()
    }

    /// Forgets every option (callbacks, header list, body, error buffer) so that the handle
    /// never points into memory of a finished request. Keeps live connections, the DNS cache
    /// and TLS session IDs (`curl_easy_reset` documents this), so keep-alive still works.
    func reset() {
        curl_easy_reset(raw)
        errorBuffer[0] = 0
    }

    /// Registers the error buffer again; needed after every `reset()`.
    func attachErrorBuffer() throws(CurlOptionError) {
        errorBuffer[0] = 0
        try check(CURLOPT_ERRORBUFFER, ot_curl_setopt_pointer(raw, CURLOPT_ERRORBUFFER, errorBuffer))
    }

    func set(_ option: CURLoption, _ value: Int) throws(CurlOptionError) {
        try check(option, ot_curl_setopt_long(raw, option, value))
    }

    func set(_ option: CURLoption, _ value: String) throws(CurlOptionError) {
        let code = value.withCString { ot_curl_setopt_string(raw, option, $0) }
        try check(option, code)
    }

    func set(_ option: CURLoption, offset value: Int64) throws(CurlOptionError) {
        try check(option, ot_curl_setopt_off_t(raw, option, curl_off_t(value)))
    }

    func set(_ option: CURLoption, headers: UnsafeMutablePointer<curl_slist>?) throws(CurlOptionError) {
        try check(option, ot_curl_setopt_slist(raw, option, headers))
    }

    /// Sets CURLOPT_POSTFIELDSIZE_LARGE, then CURLOPT_COPYPOSTFIELDS: libcurl copies the
    /// bytes, so `body` need not outlive this call. Makes the request a POST unless a custom
    /// method is set as well.
    func setBody(_ body: [UInt8]) throws(CurlOptionError) {
        try set(CURLOPT_POSTFIELDSIZE_LARGE, offset: Int64(body.count))
        if body.isEmpty {
            try set(CURLOPT_COPYPOSTFIELDS, "")
            return
        }
        let code = body.withUnsafeBytes { ot_curl_setopt_pointer(raw, CURLOPT_COPYPOSTFIELDS, $0.baseAddress) }
        try check(CURLOPT_COPYPOSTFIELDS, code)
    }

    func setWriteCallback(_ callback: ot_curl_data_callback, _ userdata: UnsafeMutableRawPointer) throws(CurlOptionError) {
        try check(CURLOPT_WRITEFUNCTION, ot_curl_setopt_write(raw, callback, userdata))
    }

    func setHeaderCallback(_ callback: ot_curl_data_callback, _ userdata: UnsafeMutableRawPointer) throws(CurlOptionError) {
        try check(CURLOPT_HEADERFUNCTION, ot_curl_setopt_header(raw, callback, userdata))
    }

    func setProgressCallback(_ callback: ot_curl_progress_callback, _ userdata: UnsafeMutableRawPointer) throws(CurlOptionError) {
        try check(CURLOPT_XFERINFOFUNCTION, ot_curl_setopt_progress(raw, callback, userdata))
    }

    func allowOnlyHTTP() throws(CurlOptionError) {
        try check(CURLOPT_PROTOCOLS, ot_curl_allow_only_http(raw))
    }

    /// Runs the transfer on the calling thread, blocking it until the exchange ends.
    func perform() -> CURLcode {
        curl_easy_perform(raw)
    }

    func info(_ info: CURLINFO) -> Int? {
        var value = 0
        return ot_curl_getinfo_long(raw, info, &value) == CURLE_OK ? value : nil
    }

    func info(offset info: CURLINFO) -> Int64? {
        var value: curl_off_t = 0
        return ot_curl_getinfo_off_t(raw, info, &value) == CURLE_OK ? Int64(value) : nil
    }

    /// `curl_easy_strerror` plus the error buffer when it adds something, e.g.
    /// "Couldn't connect to server (Failed to connect to 127.0.0.1 port 9 after 0 ms: ...)".
    /// Neither ever contains request or response bodies.
    func describe(_ code: CURLcode) -> String {
        let summary = String(cString: curl_easy_strerror(code))
        errorBuffer[errorBufferSize - 1] = 0
        let detail = String(cString: errorBuffer).trimmingCharacters(in: .whitespacesAndNewlines)
        return detail.isEmpty || detail == summary ? summary : "\(summary) (\(detail))"
    }

    private func check(_ option: CURLoption, _ code: CURLcode) throws(CurlOptionError) {
        guard code == CURLE_OK else {
            throw CurlOptionError(option: option.rawValue, code: code.rawValue)
        }
    }
}

@available(*, unavailable)
extension CurlHandle: Sendable {}
