/// Application ids as the protocol allows them: `^OT-[0-9A-HJKMNP-TV-Z]{10}$`. Checked on
/// the UTF-8 bytes, not on Characters: Swift compares Characters by canonical equivalence,
/// under which the Kelvin sign (U+212A) is a "K".
enum ApplicationIDShape {
    static let alphabet = Set("0123456789ABCDEFGHJKMNPQRSTVWXYZ".utf8)

    static func isValid(_ id: String) -> Bool {
        let bytes = Array(id.utf8)
        return bytes.count == 13 && bytes.starts(with: "OT-".utf8) && bytes.dropFirst(3).allSatisfy(alphabet.contains)
    }
}
