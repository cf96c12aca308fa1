/// Which fields a form asks and requires, given the selected items and the values so far.
/// The screen and the validator share it, so both ask exactly the same questions.
package struct FormShape: Sendable {
    package let bundle: BundleDefinition
    package let items: [String]
    package let values: [String: String]

    package init(bundle: BundleDefinition, items: [String], values: [String: String]) {
        self.bundle = bundle
        self.items = items
        self.values = values
    }

    /// The selected items that list the field.
    package func items(needing field: FieldDefinition) -> [String] {
        items.filter { bundle.item($0)?.fields.contains(field.id) == true }
    }

    /// Asked when a selected item needs it and its `shownWhen` holds.
    package func isAsked(_ field: FieldDefinition) -> Bool {
        !items(needing: field).isEmpty && (field.shownWhen.map(holds) ?? true)
    }

    /// Required when asked and either always required or its `requiredWhen` holds.
    package func isRequired(_ field: FieldDefinition) -> Bool {
        isAsked(field) && (field.required || (field.requiredWhen.map(holds) ?? false))
    }

    /// The fields asked, in form order.
    package var askedFields: [FieldDefinition] {
        bundle.fields.filter(isAsked)
    }

    package func holds(_ condition: Condition) -> Bool {
        holds(condition, depth: 0)
    }

    private func holds(_ condition: Condition, depth: Int) -> Bool {
        guard depth < 16, let shape = condition.shape else { return false }
        switch shape {
        case .fieldEquals(let id, let value): return values[id] == value
        case .fieldIn(let id, let options): return values[id].map(options.contains) ?? false
        case .item(let code): return items.contains(code)
        case .situation(let id):
            return items.contains { code in
                bundle.item(code)?.situations.contains { $0.id == id && holds($0.when, depth: depth + 1) } == true
            }
        case .not(let inner): return !holds(inner, depth: depth + 1)
        }
    }

    /// The situations of the selected items that hold.
    package var situations: [Situation] {
        items.compactMap(bundle.item).flatMap(\.situations).filter { holds($0.when) }
    }
}
