/// Province numbers (受理编号): "FJ" and ten digits from a counter in the database, so they
/// never depend on a clock and never repeat.
package enum ProvinceNumber {
    package static let prefix = "FJ"

    static func format(_ value: Int64) -> String {
        let digits = String(value)
        return prefix + String(repeating: "0", count: max(0, 10 - digits.count)) + digits
    }

    /// `^FJ[0-9]{10}$`.
    package static func isValid(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return bytes.count == 12 && text.hasPrefix(prefix)
            && bytes.dropFirst(2).allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
    }

    /// Takes the next number; part of the caller's transaction. The counter's row stays
    /// locked until the transaction ends (PostgreSQL: other processes taking a number wait),
    /// so no number is given twice, and one rolled back is given again only because it was
    /// never used.
    static func next(_ db: some HubSQL) throws -> String {
        try db.execute("UPDATE counters SET value = value + 1 WHERE name = 'province_no'")
        guard let value: Int64 = try db.value("SELECT value FROM counters WHERE name = 'province_no'") else {
            throw HubError.damagedRow(table: "counters", key: "province_no")
        }
        return format(value)
    }
}
