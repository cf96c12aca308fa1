package import Foundation

/// The hub's base URL as the node is configured with it: parsed and checked once, by the same
/// rules for `onething init` (which stores it) and the transport (which uses it), so that what
/// `init` accepts `sync` can use. https to any host, or plain http to this machine's loopback
/// address only; no user name or password (the node authenticates with its token), no query,
/// no fragment.
package struct HubURL: Sendable, Hashable {
    /// The base URL without a trailing slash.
    package let base: String
    package let isHTTPS: Bool
    /// Host without brackets, e.g. `127.0.0.1`, `::1`, `hub.example.gov.cn`.
    package let host: String
    /// `host` or `host:port` (IPv6 in brackets), used in every message that names the hub.
    package let authority: String

    /// What is wrong with a hub URL; `message` says how to write it.
    package enum Problem: Error, Sendable, Equatable {
        case notAURL(String)
        case scheme(String, url: String)
        case credentials
        case queryOrFragment(String)
        /// Well formed, but plain http to another machine: applicants' data would travel
        /// unencrypted. A configuration problem rather than a typing mistake.
        case plainHTTPToNetwork(String)

        package var message: String {
            switch self {
            case .notAURL(let text):
                "The hub URL \"\(text)\" is not a valid URL; write it as https://HOST[:PORT], for example https://hub.example.gov.cn."
            case .scheme(let scheme, let text):
                "The hub URL \"\(text)\" uses \"\(scheme)\"; only https (or http to this machine) is supported."
            case .credentials:
                "The hub URL must not contain a user name or password; the node authenticates with its token."
            case .queryOrFragment(let text):
                "The hub URL \"\(text)\" must not contain a query or fragment."
            case .plainHTTPToNetwork(let text):
                "The hub URL \"\(text)\" uses plain http to another machine, which would send applicants' data unencrypted; use the hub's https URL. Plain http is accepted to this machine's loopback address (127.0.0.1, localhost, ::1) only."
            }
        }
    }

    package init(_ text: String) throws(Problem) {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
            let rawHost = components.host, !rawHost.isEmpty
        else { throw .notAURL(text) }
        guard scheme == "https" || scheme == "http" else { throw .scheme(scheme, url: text) }
        guard components.user == nil, components.password == nil else { throw .credentials }
        guard components.query == nil, components.fragment == nil else { throw .queryOrFragment(text) }
        var host = rawHost
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        let isHTTPS = scheme == "https"
        if !isHTTPS, !LoopbackHost.contains(host) { throw .plainHTTPToNetwork(text) }
        let printableHost = host.contains(":") ? "[\(host)]" : host
        self.host = host
        self.authority = components.port.map { "\(printableHost):\($0)" } ?? printableHost
        self.isHTTPS = isHTTPS
        self.base = text.hasSuffix("/") ? String(text.dropLast()) : text
    }
}
