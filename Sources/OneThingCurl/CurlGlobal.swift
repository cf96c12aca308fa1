import CCurl

/// Process-wide libcurl set-up.
enum CurlGlobal {
    /// `curl_global_init` runs exactly once per process: Swift initialises a static `let`
    /// lazily under `swift_once`, which is thread-safe. It is never undone with
    /// `curl_global_cleanup`, because other code in the process may still use libcurl.
    static let initCode: CURLcode = curl_global_init(Int(CURL_GLOBAL_DEFAULT))

    /// Why libcurl could not be initialised, or `nil` when it is ready.
    static var failure: String? {
        let code = initCode
        guard code != CURLE_OK else { return nil }
        return String(cString: curl_easy_strerror(code))
    }
}
