package import OneThingModel

/// What went wrong in a TLS handshake with the hub, as far as the transport can tell.
/// Each one needs a person to change the configuration (a CA file, a certificate, a key,
/// the hub URL): retrying does not help, so a sync run stops with exit 69. The raw value is
/// its code (`tls.hub_certificate_untrusted`), a message key as `TransportError`'s codes are.
package enum TLSProblem: String, ErrorCode, CaseIterable {
    /// The hub's certificate is not signed by a certificate authority the node trusts.
    case hubCertificateUntrusted = "tls.hub_certificate_untrusted"
    /// The hub's certificate has expired (or is not valid yet).
    case hubCertificateExpired = "tls.hub_certificate_expired"
    /// The hub's certificate is for another host name or address.
    case hubCertificateWrongName = "tls.hub_certificate_wrong_name"
    /// The hub requires a client certificate (mutual TLS) and the node sent none.
    case clientCertificateRequired = "tls.client_certificate_required"
    /// The hub refused the client certificate the node sent.
    case clientCertificateRefused = "tls.client_certificate_refused"
    /// The hub refused the client certificate because it has expired.
    case clientCertificateExpired = "tls.client_certificate_expired"
    /// Any other handshake failure.
    case other = "tls.other"

    /// What is wrong and which option or file to fix, for the hub at `host`; `detail` is
    /// the TLS library's own words (names hosts and alerts, never keys or bodies).
    package func sentence(host: String, detail: String) -> String {
        switch self {
        case .hubCertificateUntrusted:
            "The hub at \(host) presented a certificate that this node does not trust (\(detail)). Set --ca-file (or ONETHING_CA_FILE) to the PEM file of the certificate authority that signed the hub's certificate."
        case .hubCertificateExpired:
            "The hub at \(host) presented an expired certificate, or one not valid yet (\(detail)). The hub's operator must renew it; check this machine's clock too."
        case .hubCertificateWrongName:
            "The hub's certificate is not issued for \(host) (\(detail)). Use the name or address its certificate names in `onething init --hub`, or ask the hub's operator for a certificate for this name."
        case .clientCertificateRequired:
            "The hub at \(host) requires a client certificate (mutual TLS) and this node sent none (\(detail)). Give the node's certificate and key with --client-cert and --client-key (or ONETHING_CLIENT_CERT and ONETHING_CLIENT_KEY)."
        case .clientCertificateRefused:
            "The hub at \(host) refused this node's client certificate (\(detail)). Check --client-cert and --client-key (or ONETHING_CLIENT_CERT and ONETHING_CLIENT_KEY): the certificate must be signed by the certificate authority the hub trusts."
        case .clientCertificateExpired:
            "The hub at \(host) refused this node's client certificate because it has expired (\(detail)). Ask for a new certificate and point --client-cert and --client-key (or ONETHING_CLIENT_CERT and ONETHING_CLIENT_KEY) at it."
        case .other:
            "The secure connection to \(host) failed (\(detail)). Check --ca-file, --client-cert and --client-key (or ONETHING_CA_FILE, ONETHING_CLIENT_CERT, ONETHING_CLIENT_KEY) and the hub's TLS set-up."
        }
    }
}
