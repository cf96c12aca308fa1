/// Application ids as the protocol allows them: `^OT-[0-9A-HJKMNP-TV-Z]{10}$`.
enum ApplicationIDShape {
    static let alphabet = Set("0123456789ABCDEFGHJKMNPQRSTVWXYZ")

    static func isValid(_ id: String) -> Bool {
        guard id.hasPrefix("OT-") else { return false }
        let rest = id.dropFirst(3)
        return rest.count == 10 && rest.allSatisfy { alphabet.contains($0) }
    }
}
