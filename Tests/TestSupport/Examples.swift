package import OneThingModel

/// Complete, valid example applications from the embedded catalogue.
package enum Examples {
    package static func catalog() throws -> Catalog {
        try CatalogLoader.embedded(today: TestMoment.filing.date)
    }

    /// The example of `bundle` for `items` (default: the whole menu of the default region),
    /// as validated inputs, its dates a week before `today` (default: the day of
    /// `TestMoment.filing`).
    package static func inputs(
        _ bundle: String, items: [String]? = nil, today: CivilDate = TestMoment.filing.date
    ) throws -> [String: FieldInput] {
        let catalog = try catalog()
        guard let definition = catalog.bundle(bundle), let region = catalog.region(catalog.defaultRegion) else {
            throw ExampleError.unknownBundle
        }
        let menu = catalog.menu(bundle: definition, region: region).map(\.code)
        let values = CatalogExamples.application(bundle: definition, items: items ?? menu, today: today)
        return Dictionary(uniqueKeysWithValues: values.map { ($0.field, FieldInput.text($0.value)) })
    }

    /// The example, validated as of `moment` (default: `TestMoment.filing`), ready for the
    /// store to file at that moment.
    package static func validated(
        _ bundle: String, items: [String]? = nil, at moment: Timestamp = TestMoment.filing
    ) throws -> ValidatedApplication {
        let catalog = try catalog()
        guard let region = catalog.region(catalog.defaultRegion) else { throw ExampleError.unknownBundle }
        let result = FormValidator(catalog: catalog, region: region).validate(
            bundle: bundle, items: items, inputs: try inputs(bundle, items: items, today: moment.date), now: moment.civil)
        return try result.get()
    }

    package enum ExampleError: Error {
        case unknownBundle
    }
}
