/// Example values that stay valid over time. A date field with `maxAgeDays` (a birth at
/// most six months ago) cannot keep a fixed example, so its example is moved to a week
/// before today, keeping the time of day.
package enum CatalogExamples {
    package static func value(for field: FieldDefinition, today: CivilDate) -> String {
        guard let maxAge = field.constraints?.maxAgeDays else { return field.example }
        let shifted = today.adding(days: -min(7, maxAge))
        switch field.type {
        case .date:
            return shifted.description
        case .datetime:
            guard let fixed = CivilDateTime.parse(field.example) else { return field.example }
            return CivilDateTime(date: shifted, hour: fixed.hour, minute: fixed.minute).description
        default:
            return field.example
        }
    }

    /// A complete, valid application for the given items: the JSON object `apply --data`
    /// takes, as field id -> value in form order.
    package static func application(
        bundle: BundleDefinition, items: [String], today: CivilDate
    ) -> [(field: String, value: String, type: FieldType)] {
        let examples = Dictionary(
            bundle.fields.map { ($0.id, value(for: $0, today: today)) }, uniquingKeysWith: { a, _ in a })
        let form = FormShape(bundle: bundle, items: items, values: examples)
        return bundle.fields.compactMap { field in
            guard form.isAsked(field), let value = examples[field.id] else { return nil }
            return (field.id, value, field.type)
        }
    }
}
