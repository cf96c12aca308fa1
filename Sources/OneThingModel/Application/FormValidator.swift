/// Checks one whole application: bundle, items against the region's menu and their
/// dependencies, every field, then the bundle's cross-field rules. Either every problem
/// is reported or the normalised application is returned.
package struct FormValidator: Sendable {
    package let catalog: Catalog
    package let region: Region

    package init(catalog: Catalog, region: Region) {
        self.catalog = catalog
        self.region = region
    }

    /// Item codes default to the region's whole menu for the bundle.
    package func validate(
        bundle code: String, items requested: [String]?, inputs: [String: FieldInput], now: CivilDateTime
    ) -> Result<ValidatedApplication, ApplicationProblems> {
        guard let bundle = catalog.bundle(code) else {
            let known = catalog.bundles.map(\.code).joined(separator: ", ")
            return .failure(ApplicationProblems([FieldProblem(
                .noSuchBundle, field: nil, message: "There is no bundle \"\(code)\"; the bundles are: \(known).",
                arguments: ["bundle": code, "bundles": known])]))
        }
        let menu = catalog.menu(bundle: bundle, region: region).map(\.code)
        var problems = checkItems(requested ?? menu, menu: menu, bundle: bundle)
        guard problems.isEmpty else { return .failure(ApplicationProblems(problems)) }
        let items = menu.filter { (requested ?? menu).contains($0) }

        var values: [String: String] = [:]
        for (id, input) in inputs.sorted(by: { $0.key < $1.key }) {
            guard let field = bundle.field(id) else {
                // The key is named as given (it is a name, not a value); whoever prints it to a
                // terminal must neutralise control characters.
                problems.append(FieldProblem(
                    .unknownField, field: String(id.prefix(64)),
                    message: "The \(bundle.code) form has no such field; see `onething catalog show \(bundle.code)`.",
                    arguments: ["bundle": bundle.code]))
                continue
            }
            switch FieldValueValidator.validate(input, as: field, now: now) {
            case .success(let value): values[id] = value
            case .failure(let problem): problems.append(FieldProblem(field: id, problem: problem))
            }
        }
        let shape = FormShape(bundle: bundle, items: items, values: values)
        let invalidSoFar = Set(problems.compactMap(\.field))
        for field in bundle.fields {
            let given = inputs[field.id] != nil
            let readsInvalid = [field.shownWhen, field.requiredWhen].compactMap { $0 }
                .contains { !$0.referencedFields(in: bundle).isDisjoint(with: invalidSoFar) }
            if readsInvalid { continue }  // decided once the field it depends on is valid
            if given && !shape.isAsked(field) {
                problems.append(notAsked(field, shape))
                values[field.id] = nil
            } else if !given && shape.isRequired(field) {
                let needers = shape.items(needing: field).joined(separator: ", ")
                problems.append(FieldProblem(
                    .required, field: field.id, message: "Required for \(needers), and missing.", arguments: ["items": needers]))
            }
        }
        let invalid = Set(problems.compactMap(\.field))
        problems += CrossFieldChecks(bundle: bundle, region: region, values: values, invalid: invalid).run()
        guard problems.isEmpty else { return .failure(ApplicationProblems(problems)) }
        return .success(
            ValidatedApplication(
                bundle: bundle.code, items: items, fields: values, catalogVersion: catalog.version,
                region: region.code, situations: shape.situations.map(\.id)))
    }

    private func checkItems(_ requested: [String], menu: [String], bundle: BundleDefinition) -> [FieldProblem] {
        var problems: [FieldProblem] = []
        if requested.isEmpty {
            problems.append(FieldProblem(.noItems, field: nil, message: "No item is selected; choose at least one item of the bundle."))
        }
        for code in requested {
            if bundle.item(code) == nil {
                let known = bundle.items.map(\.code).joined(separator: ", ")
                problems.append(FieldProblem(
                    .noSuchItem, field: nil, message: "The \(bundle.code) bundle has no item \"\(code)\"; its items are: \(known).",
                    arguments: ["bundle": bundle.code, "item": code, "items": known]))
            } else if !menu.contains(code) {
                problems.append(FieldProblem(
                    .itemNotOffered, field: nil,
                    message: "The item \"\(code)\" is not offered in region \(region.code); this region offers: \(menu.joined(separator: ", ")).",
                    arguments: ["item": code, "region": region.code, "items": menu.joined(separator: ", ")]))
            }
        }
        for (_, code) in CatalogChecker.duplicates(requested) {
            problems.append(FieldProblem(.itemTwice, field: nil, message: "The item \"\(code)\" is listed twice.", arguments: ["item": code]))
        }
        guard problems.isEmpty else { return problems }
        for (item, missing) in DependencyOrder.missingDependencies(of: requested, in: bundle) {
            problems.append(FieldProblem(
                    .itemNeedsOthers, field: nil,
                    message: "The item \"\(item)\" needs \(missing.joined(separator: ", ")) to be decided first; select it too.",
                    arguments: ["item": item, "missing": missing.joined(separator: ", ")]))
        }
        return problems
    }

    private func notAsked(_ field: FieldDefinition, _ shape: FormShape) -> FieldProblem {
        if shape.items(needing: field).isEmpty {
            let needers = shape.bundle.items.filter { $0.fields.contains(field.id) }.map(\.code).joined(separator: ", ")
            return FieldProblem(
                .notAskedForItems, field: field.id,
                message: "Not asked for the selected items (only for \(needers)); leave it out.", arguments: ["items": needers])
        }
        return FieldProblem(.notAskedInSituation, field: field.id, message: "Not asked in this situation; leave it out.")
    }
}
