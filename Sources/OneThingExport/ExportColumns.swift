package import OneThingModel

/// The columns of a CSV export: the fixed ones, one per item (its state), then one per
/// field. Items and fields come in catalogue order, bundle after bundle when an export
/// spans several (the union, each column once: a field two bundles share, such as the
/// mother's name, is one column); an item or field an application carries that the
/// catalogue no longer lists (filed under an older version) follows, sorted by id, so
/// nothing stored is left out.
package struct ExportColumns: Sendable, Hashable {
    package var items: [String]
    package var fields: [String]

    /// The fixed columns, in order.
    package static let fixed = ["id", "province_no", "bundle", "region", "filed_at", "state", "purged"]

    package init(items: [String], fields: [String]) {
        self.items = items
        self.fields = fields
    }

    /// The columns for `rows`, given the bundles of the export in catalogue order.
    package static func plan(bundles: [BundleDefinition], rows: [ExportedApplication]) -> ExportColumns {
        var items = OrderedNames()
        var fields = OrderedNames()
        for bundle in bundles {
            for item in bundle.items { items.add(item.code) }
            for field in bundle.fields { fields.add(field.id) }
        }
        var extraItems = Set<String>()
        var extraFields = Set<String>()
        for row in rows {
            for item in row.items where !items.contains(item.code) { extraItems.insert(item.code) }
            for field in row.fields.keys where !fields.contains(field) { extraFields.insert(field) }
        }
        for code in extraItems.sorted() { items.add(code) }
        for id in extraFields.sorted() { fields.add(id) }
        return ExportColumns(items: items.names, fields: fields.names)
    }

    /// The header row's names: item columns are `item:CODE`, field columns the field id.
    package var header: [String] {
        Self.fixed + items.map { "item:" + $0 } + fields
    }

    /// A row's cells, in the header's order (empty: no such item or field).
    package func cells(_ row: ExportedApplication) -> [String] {
        var cells = [
            row.id, row.provinceNo ?? "", row.bundle, row.region, row.filedAt, row.state, row.purged ? "true" : "false",
        ]
        cells += items.map { row.itemState($0) ?? "" }
        cells += fields.map { row.fields[$0] ?? "" }
        return cells
    }
}

/// Names in the order first added, each once.
private struct OrderedNames {
    var names: [String] = []
    private var seen: Set<String> = []

    func contains(_ name: String) -> Bool { seen.contains(name) }

    mutating func add(_ name: String) {
        if seen.insert(name).inserted { names.append(name) }
    }
}
