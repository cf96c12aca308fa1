/// One application as an export shows it, node or hub alike: who filed what, where it
/// stands, and its fields. A purged application (retention) has no fields left.
package struct ExportedApplication: Sendable, Hashable {
    package var id: String
    /// The province number (受理编号), once the hub gave one.
    package var provinceNo: String?
    package var bundle: String
    package var region: String
    /// As stored: `YYYY-MM-DDTHH:MM+08:00`.
    package var filedAt: String
    package var state: String
    /// Each item's code and state, in the application's order.
    package var items: [ExportedItem]
    /// The citizen's fields by id (empty once purged).
    package var fields: [String: String]
    /// True once retention removed the personal data.
    package var purged: Bool

    package init(
        id: String, provinceNo: String?, bundle: String, region: String, filedAt: String, state: String,
        items: [ExportedItem], fields: [String: String], purged: Bool
    ) {
        self.id = id
        self.provinceNo = provinceNo
        self.bundle = bundle
        self.region = region
        self.filedAt = filedAt
        self.state = state
        self.items = items
        self.fields = purged ? [:] : fields
        self.purged = purged
    }

    /// The state of item `code`, nil when the application does not include it.
    package func itemState(_ code: String) -> String? {
        items.first { $0.code == code }?.state
    }
}

/// One item of an exported application.
package struct ExportedItem: Sendable, Hashable {
    package var code: String
    package var state: String

    package init(code: String, state: String) {
        self.code = code
        self.state = state
    }
}
