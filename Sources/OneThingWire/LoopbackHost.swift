/// Addresses that never leave this machine: 127.0.0.0/8, `::1` and `localhost`. The hub
/// serves plain http on these only (tests, demos); anything else needs TLS.
package enum LoopbackHost {
    package static func contains(_ host: String) -> Bool {
        var lowered = host.lowercased()
        if lowered.hasPrefix("["), lowered.hasSuffix("]") {
            lowered = String(lowered.dropFirst().dropLast())
        }
        if lowered == "localhost" || lowered == "::1" || lowered == "0:0:0:0:0:0:0:1" {
            return true
        }
        let parts = lowered.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return false }
        for part in parts {
            guard !part.isEmpty, part.count <= 3, part.allSatisfy({ $0.isASCII && $0.isNumber }),
                let value = Int(part), value <= 255
            else { return false }
        }
        return parts[0] == "127"
    }
}
