/// Look-ups over what a bundle declares beyond its form: system fields, issued documents,
/// its duplicate key and prefill sources. The node, the hub, the kiosk and the CLI ask
/// these instead of knowing bundle codes or field ids.
extension BundleDefinition {
    package func systemField(_ id: String) -> SystemField? {
        systemFields.first { $0.id == id }
    }

    /// Whether `id` is set by the system (the node at filing, or the hub from an issued
    /// document): nobody edits it by hand.
    package func isSystemField(_ id: String) -> Bool {
        systemFields.contains { $0.id == id }
    }

    /// The fields the hub sets: a node's value never replaces the hub's.
    package var hubSetFields: [String] {
        systemFields.filter { $0.setBy == .hub }.map(\.id)
    }

    /// The fields of a form only (without the system fields), as validation sees them.
    package func formFields(_ fields: [String: String]) -> [String: String] {
        fields.filter { !isSystemField($0.key) }
    }

    /// The provisional identities the node gives an application filed as `applicationId`.
    package func provisionalFields(applicationId: String) -> [String: String] {
        var values: [String: String] = [:]
        for field in systemFields where field.setBy == .node {
            if let provisional = field.provisional { values[field.id] = provisional.value(applicationId: applicationId) }
        }
        return values
    }

    /// The documents the approval of `item` issues.
    package func issues(of item: String) -> [IssuedDocument] {
        self.item(item)?.issues ?? []
    }

    /// The hub-set fields an approval of `item` fills from the `documents` given with it.
    package func issuedFields(item: String, documents: [String: String]?) -> [String: String] {
        var values: [String: String] = [:]
        for issued in issues(of: item) {
            if let value = documents?[issued.document] { values[issued.field] = value }
        }
        return values
    }

    /// The duplicate key of an application with these fields, or nil when the bundle
    /// declares none or the fields lack what it names. The person is the bundle code and
    /// the person field's value (`birth|` and the mother's ID number); a date and time
    /// event counts by its day.
    package func duplicateKey(of values: [String: String]) -> DuplicateKey? {
        guard let key = duplicateKey, let person = values[key.person], var event = values[key.event] else { return nil }
        if field(key.event)?.type == .datetime {
            guard event.count >= 10 else { return nil }
            event = String(event.prefix(10))
        }
        return DuplicateKey(person: code + "|" + person, event: event, ordinal: key.ordinal.flatMap { values[$0] } ?? "")
    }

    /// How the form is filled from a record of `source` (nil: it is not).
    package func prefill(from source: RecordSource) -> PrefillMapping? {
        prefill.first { $0.source == source.rawValue }
    }
}

extension Catalog {
    /// The bundle whose form is filled from records of `source` (the first that declares it).
    package func bundle(prefilledFrom source: RecordSource) -> (bundle: BundleDefinition, mapping: PrefillMapping)? {
        for bundle in bundles {
            if let mapping = bundle.prefill(from: source) { return (bundle, mapping) }
        }
        return nil
    }
}

extension Catalog {
    /// The codes of the bundles that declare a duplicate key (whose person a look-up by ID
    /// number finds through the person index).
    package var bundlesWithDuplicateKey: [String] {
        bundles.filter { $0.duplicateKey != nil }.map(\.code)
    }
}
