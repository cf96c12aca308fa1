import Foundation
import OneThingSync
import OneThingWire

/// The validated base URL of the hub: what the transport prefixes to request paths and
/// how it names the hub in error messages.
struct HubAddress: Sendable, Hashable {
    /// The base URL without a trailing slash.
    let base: String
    let isHTTPS: Bool
    /// Host without brackets, e.g. `127.0.0.1`, `::1`, `hub.example.gov.cn`.
    let host: String
    /// `host` or `host:port`, used in every error message.
    let authority: String

    init(_ configuration: CurlConfiguration) throws(TransportError) {
        let text = configuration.baseURL
        guard let components = URLComponents(string: text),
              let scheme = components.scheme?.lowercased(),
              let rawHost = components.host, !rawHost.isEmpty
        else {
            throw .configuration(
                "The hub URL \"\(text)\" is not a valid URL; write it as https://HOST[:PORT], for example https://hub.example.gov.cn.")
        }
        guard scheme == "https" || scheme == "http" else {
            throw .configuration("The hub URL \"\(text)\" uses \"\(scheme)\"; only https (or http to this machine) is supported.")
        }
        guard components.user == nil, components.password == nil else {
            throw .configuration("The hub URL must not contain a user name or password; the node authenticates with its token.")
        }
        guard components.query == nil, components.fragment == nil else {
            throw .configuration("The hub URL \"\(text)\" must not contain a query or fragment.")
        }
        var host = rawHost
        if host.hasPrefix("["), host.hasSuffix("]") {
            host = String(host.dropFirst().dropLast())
        }
        let isHTTPS = scheme == "https"
        if !isHTTPS, !LoopbackHost.contains(host) {
            throw .configuration(
                "The hub URL \"\(text)\" uses plain http to another machine, which would send applicants' data unencrypted; use https (`onething init --hub https://...`). Plain http is accepted to this machine's loopback address only.")
        }
        let printableHost = host.contains(":") ? "[\(host)]" : host
        self.host = host
        self.authority = components.port.map { "\(printableHost):\($0)" } ?? printableHost
        self.isHTTPS = isHTTPS
        self.base = text.hasSuffix("/") ? String(text.dropLast()) : text
    }

    /// The full URL of a request path, which must start with `/`.
    func url(for path: String) -> String? {
        guard path.hasPrefix("/"), !path.utf8.contains(where: { $0 < 0x21 || $0 == 0x7F }) else {
            return nil
        }
        return base + path
    }
}
