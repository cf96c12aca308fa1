/// Where a bundle's form can be filled from a record the node imported: the hospital's
/// delivery list for a birth (`onething import deliveries`, the kiosk's F4).
///
/// ```json
/// { "source": "delivery", "fields": { "mother_name": "mother_name", ... },
///   "mustMatch": ["mother_id_number", "mother_name", "birth_time"] }
/// ```
package struct PrefillMapping: Codable, Sendable, Hashable {
    /// The kind of record (see `RecordSource`).
    package var source: String
    /// The record's field -> the form field it fills.
    package var fields: [String: String]
    /// Form fields that must still hold the record's value when the form is filed (the
    /// mother typed later is checked against the delivery chosen).
    package var mustMatch: [String]

    package init(source: String, fields: [String: String], mustMatch: [String] = []) {
        self.source = source
        self.fields = fields
        self.mustMatch = mustMatch
    }

    enum CodingKeys: String, CodingKey {
        case source, fields, mustMatch
    }

    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        source = try c.decode(String.self, forKey: .source)
        fields = try c.decode([String: String].self, forKey: .fields)
        mustMatch = try c.decodeIfPresent([String].self, forKey: .mustMatch) ?? []
    }

    /// The form fields a record fills: form field -> value.
    package func formValues(_ record: [String: String]) -> [String: String] {
        var values: [String: String] = [:]
        for (recordField, formField) in fields {
            if let value = record[recordField] { values[formField] = value }
        }
        return values
    }
}

/// The records a node imports to fill forms from. Their fields are the exporting system's,
/// fixed by the import format; which form field each fills is the catalogue's `prefill`.
package enum RecordSource: String, Sendable, CaseIterable {
    /// The maternity ward's delivery list (产妇分娩信息).
    case delivery

    /// The record's fields, in the order of the hospital's export.
    package var fields: [String] {
        switch self {
        case .delivery:
            ["mother_name", "mother_id_number", "birth_time", "newborn_sex", "birth_weight_g", "birth_length_cm", "gestational_weeks"]
        }
    }
}
