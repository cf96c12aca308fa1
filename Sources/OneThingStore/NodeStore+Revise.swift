package import OneThingModel

extension NodeStore {
    /// Changes some fields of a filed application and stores the result as its next
    /// revision (see `amend`): the shared path of `onething amend`, `onething conflicts
    /// resolve` and the kiosk's conflict decision. The whole new form is checked as filing
    /// checks it, as of the filing date (a correction weeks later must not fail rules that
    /// count from "now", and no result may depend on the day it is made); system fields are
    /// refused. `.failure` carries the problems, and then nothing was stored.
    ///
    /// `changes`: a new value per field, or `nil` to remove an optional field.
    package func revise(
        _ id: String, changes: [String: FieldInput?], resolves: [String: ConflictResolution] = [:], catalog: Catalog,
        region fallback: Region, operatorId: String?, at time: Timestamp
    ) throws(StoreError) -> Result<AmendResult, ApplicationProblems> {
        let app = try application(id: id)
        let bundle = try read { db in try Self.filedBundle(app.summary.bundle, version: app.catalogVersion, db) }
        let refused = changes.keys.sorted().compactMap { key in
            bundle?.systemField(key).map { field in
                FieldProblem(
                    .systemField, field: key,
                    message: field.setBy == .node
                        ? "This field is set by the system (the provisional identity given at filing); it cannot be amended."
                        : "This field is set by the system (from a document an item's approval issues); it cannot be amended.")
            }
        }
        guard refused.isEmpty else { return .failure(ApplicationProblems(refused)) }
        var inputs = (bundle?.formFields(app.fields) ?? app.fields).mapValues { FieldInput.text($0) }
        for (key, value) in changes { inputs[key] = value }
        // Checked under the catalogue the application was filed under, when this node still
        // has it: a newer catalogue's rules never refuse a field nobody touched.
        let filedUnder = app.catalogVersion == catalog.version ? catalog : (try self.catalog(version: app.catalogVersion) ?? catalog)
        let validator = FormValidator(catalog: filedUnder, region: filedUnder.region(app.region) ?? fallback)
        let asFiled = app.summary.filedAt.civil
        switch validator.validate(
            bundle: app.summary.bundle, items: app.summary.items.map(\.item), inputs: inputs, now: asFiled)
        {
        case .failure(let problems):
            return .failure(problems)
        case .success(let form):
            return .success(try amend(id: id, form: form, resolves: resolves, operatorId: operatorId, at: time))
        }
    }
}
