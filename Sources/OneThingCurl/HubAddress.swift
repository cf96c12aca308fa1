import OneThingSync
import OneThingWire

/// The validated base URL of the hub (`OneThingWire.HubURL`, the same rules `init` applies):
/// what the transport prefixes to request paths and how it names the hub in error messages.
struct HubAddress: Sendable, Hashable {
    let url: HubURL
    var base: String { url.base }
    var isHTTPS: Bool { url.isHTTPS }
    var host: String { url.host }
    var authority: String { url.authority }

    init(_ configuration: CurlConfiguration) throws(TransportError) {
        do {
            url = try HubURL(configuration.baseURL)
        } catch {
            throw .invalidHubURL(error.message)
        }
    }

    /// The full URL of a request path, which must start with `/`.
    func url(for path: String) -> String? {
        guard path.hasPrefix("/"), !path.utf8.contains(where: { $0 < 0x21 || $0 == 0x7F }) else {
            return nil
        }
        return base + path
    }
}
