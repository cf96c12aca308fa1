/// A document an item's approval issues, and the system field its value fills:
/// `{ "document": "resident_id_number", "field": "newborn_id_number", "autoIssue": { "kind": "residentIdNumber" } }`.
/// An officer gives it with the approval (`onething-hub decide ... --document NAME=VALUE`);
/// items that `need` the field wait for it.
package struct IssuedDocument: Codable, Sendable, Hashable {
    /// The document's name in a decision (`documents` of the admin API).
    package var document: String
    /// The hub-set system field (`setBy: hub`) the value fills.
    package var field: String
    /// What `onething-hub serve --auto-decide` issues with its approval (demos); without it,
    /// the demo hub approves the item without the document.
    package var autoIssue: AutoIssue?

    package init(document: String, field: String, autoIssue: AutoIssue? = nil) {
        self.document = document
        self.field = field
        self.autoIssue = autoIssue
    }
}

/// A synthetic value a demo hub issues, valid for its field:
/// - `{ "kind": "residentIdNumber" }`: a GB 11643 number that agrees with the field's
///   `agreesWith` (the region's code, the birth date, a sequence of the person's sex);
/// - `{ "kind": "serial", "prefix": "HH" }`: the prefix and the province number's ten digits.
package struct AutoIssue: Codable, Sendable, Hashable {
    package enum Kind: String, Codable, Sendable, CaseIterable {
        case residentIdNumber, serial
    }

    package var kind: Kind
    package var prefix: String?

    package init(kind: Kind, prefix: String? = nil) {
        self.kind = kind
        self.prefix = prefix
    }

    /// A serial value: the prefix and the digits of the province number (`FJ` and ten digits).
    package static func serial(prefix: String, provinceNo: String) -> String {
        prefix + provinceNo.filter { $0.isASCII && $0.isNumber }
    }
}
