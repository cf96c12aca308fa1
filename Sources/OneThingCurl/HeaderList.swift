import CCurl

/// A `curl_slist` of request header lines, freed when the value goes away. It must outlive
/// the transfer that uses it (see `CurlTransport.exchange`).
final class HeaderList {
    private(set) var pointer: UnsafeMutablePointer<curl_slist>?

    /// `nil` when libcurl cannot allocate the list.
    init?(_ lines: [String]) {
        for line in lines {
            guard let next = line.withCString({ curl_slist_append(pointer, $0) }) else {
                curl_slist_free_all(pointer)
                pointer = nil
                return nil
            }
            pointer = next
        }
    }

    deinit {
        curl_slist_free_all(pointer)
    }
}

@available(*, unavailable)
extension HeaderList: Sendable {}
