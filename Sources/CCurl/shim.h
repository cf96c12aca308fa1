#include <curl/curl.h>

// Typed wrappers around libcurl's variadic functions, which Swift cannot call.
// Each wrapper passes exactly the C type the option documents, so a Swift caller
// cannot hand libcurl an `Int` where it reads a pointer.

/// CURLOPT_WRITEFUNCTION / CURLOPT_HEADERFUNCTION signature.
typedef size_t (*ot_curl_data_callback)(char *data, size_t size, size_t count, void *userdata);

/// CURLOPT_XFERINFOFUNCTION signature.
typedef int (*ot_curl_progress_callback)(void *userdata, curl_off_t dltotal, curl_off_t dlnow,
                                         curl_off_t ultotal, curl_off_t ulnow);

/// Options that take a `long` (flags, timeouts in ms, sizes that fit a long).
static inline CURLcode ot_curl_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

/// Options that take a NUL-terminated string; libcurl copies it (except
/// CURLOPT_POSTFIELDS, which this package never uses: it uses COPYPOSTFIELDS).
static inline CURLcode ot_curl_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}

/// Options that take an untyped pointer (CURLOPT_ERRORBUFFER, CURLOPT_COPYPOSTFIELDS).
static inline CURLcode ot_curl_setopt_pointer(CURL *handle, CURLoption option, const void *value) {
    return curl_easy_setopt(handle, option, value);
}

/// Options that take a `curl_off_t` (the *_LARGE sizes).
static inline CURLcode ot_curl_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(handle, option, value);
}

/// Options that take a header list (CURLOPT_HTTPHEADER). The list must outlive the transfer.
static inline CURLcode ot_curl_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value) {
    return curl_easy_setopt(handle, option, value);
}

/// Sets CURLOPT_WRITEFUNCTION and CURLOPT_WRITEDATA together.
static inline CURLcode ot_curl_setopt_write(CURL *handle, ot_curl_data_callback callback, void *userdata) {
    CURLcode code = curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, callback);
    if (code != CURLE_OK) return code;
    return curl_easy_setopt(handle, CURLOPT_WRITEDATA, userdata);
}

/// Sets CURLOPT_HEADERFUNCTION and CURLOPT_HEADERDATA together.
static inline CURLcode ot_curl_setopt_header(CURL *handle, ot_curl_data_callback callback, void *userdata) {
    CURLcode code = curl_easy_setopt(handle, CURLOPT_HEADERFUNCTION, callback);
    if (code != CURLE_OK) return code;
    return curl_easy_setopt(handle, CURLOPT_HEADERDATA, userdata);
}

/// Sets CURLOPT_XFERINFOFUNCTION and CURLOPT_XFERINFODATA and turns progress calls on.
static inline CURLcode ot_curl_setopt_progress(CURL *handle, ot_curl_progress_callback callback, void *userdata) {
    CURLcode code = curl_easy_setopt(handle, CURLOPT_XFERINFOFUNCTION, callback);
    if (code != CURLE_OK) return code;
    code = curl_easy_setopt(handle, CURLOPT_XFERINFODATA, userdata);
    if (code != CURLE_OK) return code;
    return curl_easy_setopt(handle, CURLOPT_NOPROGRESS, 0L);
}

/// Allows only http and https (no file://, ftp://, ... even on a redirect or a bad base URL).
static inline CURLcode ot_curl_allow_only_http(CURL *handle) {
#if LIBCURL_VERSION_NUM >= 0x075500 /* 7.85.0 */
    return curl_easy_setopt(handle, CURLOPT_PROTOCOLS_STR, "http,https");
#else
    return curl_easy_setopt(handle, CURLOPT_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
}

/// Infos that yield a `long` (CURLINFO_RESPONSE_CODE).
static inline CURLcode ot_curl_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}

/// Infos that yield a `curl_off_t` (the *_T timings and sizes).
static inline CURLcode ot_curl_getinfo_off_t(CURL *handle, CURLINFO info, curl_off_t *value) {
    return curl_easy_getinfo(handle, info, value);
}

/// Size the CURLOPT_ERRORBUFFER must have.
static inline size_t ot_curl_error_buffer_size(void) {
    return CURL_ERROR_SIZE;
}
