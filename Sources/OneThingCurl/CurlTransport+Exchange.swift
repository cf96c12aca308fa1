import CCurl
import Foundation
import OneThingSync

extension CurlTransport {
    /// One request on the handle. Runs on `queue` only, and blocks it for the transfer.
    func exchange(_ request: HTTPRequest, cancellation: CancellationFlag) -> Result<HTTPResponse, TransportError> {
        dispatchPrecondition(condition: .onQueue(queue))
        let host = address.authority
        if cancellation.isCancelled {
            return .failure(.failed(host: host, detail: "the request was cancelled before it was sent"))
        }
        guard let url = address.url(for: request.path) else {
            return .failure(.failed(host: host, detail: "the request path must start with \"/\" and contain no spaces or control characters"))
        }
        guard RequestHeaders.isToken(request.method) else {
            return .failure(.failed(host: host, detail: "the request method is not a valid HTTP method"))
        }

        var body: [UInt8]?
        if let data = request.body {
            if request.compressBody {
                do {
                    body = [UInt8](try Gzip.compress(data))
                } catch {
                    return .failure(.failed(host: host, detail: "the request body could not be compressed: \(error)"))
                }
            } else {
                body = [UInt8](data)
            }
        }
        let gzipped = request.compressBody && body != nil
        let lines: [String]
        switch RequestHeaders.lines(for: request, hasBody: body != nil, gzipped: gzipped) {
        case .success(let value): lines = value
        case .failure(let invalid):
            return .failure(.failed(host: host, detail: "the request header \"\(invalid.name)\" contains characters not allowed in HTTP headers"))
        }
        guard let headerList = HeaderList(lines) else {
            return .failure(.failed(host: host, detail: "libcurl could not allocate the request headers"))
        }
        let collector = ResponseCollector(limit: configuration.maxResponseBytes, cancellation: cancellation)

        // Every option is set afresh after a reset, and the handle is reset again afterwards,
        // so it never holds pointers to `headerList` or `collector` once they are gone.
        handle.reset()
        defer { handle.reset() }
        let code: CURLcode
        do {
            try configure(url: url, method: request.method, body: body, headers: headerList, collector: collector)
            code = withExtendedLifetime((headerList, collector)) { handle.perform() }
        } catch {
            return .failure(.failed(host: host, detail: error.description))
        }
        return response(code: code, collector: collector)
    }

    private func configure(
        url: String,
        method: String,
        body: [UInt8]?,
        headers: HeaderList,
        collector: ResponseCollector
    ) throws(CurlOptionError) {
        try handle.attachErrorBuffer()
        try handle.allowOnlyHTTP()
        try handle.set(CURLOPT_URL, url)
        try handle.set(CURLOPT_NOSIGNAL, 1)
        try handle.set(CURLOPT_FOLLOWLOCATION, 0)
        try handle.set(CURLOPT_CONNECTTIMEOUT_MS, CurlTransport.milliseconds(configuration.connectTimeoutSeconds))
        try handle.set(CURLOPT_TIMEOUT_MS, CurlTransport.milliseconds(configuration.totalTimeoutSeconds))
        try handle.set(CURLOPT_SSL_VERIFYPEER, 1)
        try handle.set(CURLOPT_SSL_VERIFYHOST, 2)
        if let caFile = configuration.caFile { try handle.set(CURLOPT_CAINFO, caFile) }
        if let certificate = configuration.clientCertificate { try handle.set(CURLOPT_SSLCERT, certificate) }
        if let key = configuration.clientKey { try handle.set(CURLOPT_SSLKEY, key) }
        try handle.set(CURLOPT_USERAGENT, configuration.userAgent)
        // "": offer every encoding libcurl can decode; the write callback sees decoded bytes.
        try handle.set(CURLOPT_ACCEPT_ENCODING, "")
        // Refuses early when Content-Length already announces too much.
        try handle.set(CURLOPT_MAXFILESIZE_LARGE, offset: Int64(configuration.maxResponseBytes))
        try handle.set(CURLOPT_HTTPHEADER, headers: headers.pointer)

        switch (method, body) {
        case ("GET", nil):
            try handle.set(CURLOPT_HTTPGET, 1)
        case ("HEAD", nil):
            try handle.set(CURLOPT_NOBODY, 1)
        case ("POST", _), (_, .some):
            try handle.setBody(body ?? [])
            if method != "POST" { try handle.set(CURLOPT_CUSTOMREQUEST, method) }
        default:
            try handle.set(CURLOPT_CUSTOMREQUEST, method)
        }

        let userdata = Unmanaged.passUnretained(collector).toOpaque()
        try handle.setWriteCallback({ data, size, count, userdata in
            guard let userdata else { return 0 }
            let collector = Unmanaged<ResponseCollector>.fromOpaque(userdata).takeUnretainedValue()
            let length = size * count
            guard let data, length > 0 else { return length }
            return collector.appendBody(UnsafeRawBufferPointer(start: data, count: length)) ? length : 0
        }, userdata)
        try handle.setHeaderCallback({ data, size, count, userdata in
            guard let userdata else { return 0 }
            let collector = Unmanaged<ResponseCollector>.fromOpaque(userdata).takeUnretainedValue()
            let length = size * count
            guard let data, length > 0 else { return length }
            collector.receiveHeaderLine(UnsafeRawBufferPointer(start: data, count: length))
            return length
        }, userdata)
        try handle.setProgressCallback({ userdata, _, _, _, _ in
            guard let userdata else { return 0 }
            let collector = Unmanaged<ResponseCollector>.fromOpaque(userdata).takeUnretainedValue()
            return collector.cancellation.isCancelled ? 1 : 0
        }, userdata)
    }

    private func response(code: CURLcode, collector: ResponseCollector) -> Result<HTTPResponse, TransportError> {
        let host = address.authority
        if code == CURLE_OK {
            guard let status = handle.info(CURLINFO_RESPONSE_CODE), status > 0 else {
                return .failure(.failed(host: host, detail: "the transfer ended without an HTTP status"))
            }
            return .success(HTTPResponse(status: status, headers: collector.headers, body: collector.body))
        }
        if collector.exceededLimit {
            return .failure(.responseTooLarge(host: host, limitBytes: configuration.maxResponseBytes))
        }
        if code == CURLE_ABORTED_BY_CALLBACK, collector.cancellation.isCancelled {
            return .failure(.failed(host: host, detail: "the request was cancelled"))
        }
        return .failure(transportError(
            for: code,
            detail: handle.describe(code),
            authority: host,
            timeoutSeconds: timeoutThatExpired(),
            limitBytes: configuration.maxResponseBytes,
            sentClientCertificate: configuration.clientCertificate != nil
        ))
    }

    /// CURLE_OPERATION_TIMEDOUT does not say which limit expired: whichever is nearer to
    /// the time the transfer actually took.
    private func timeoutThatExpired() -> Double {
        let connect = configuration.connectTimeoutSeconds
        let total = configuration.totalTimeoutSeconds
        guard let micros = handle.info(offset: CURLINFO_TOTAL_TIME_T) else { return total }
        let elapsed = Double(micros) / 1_000_000
        return abs(elapsed - connect) < abs(elapsed - total) ? connect : total
    }

    static func milliseconds(_ seconds: Double) -> Int {
        max(1, Int((seconds * 1000).rounded(.up)))
    }
}
