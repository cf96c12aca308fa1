import Foundation
import OneThingModel
import OneThingStore

/// Builds and stores the next revision of an application: the shared path of `amend`,
/// `conflicts resolve` and (later) the kiosk's correction screen. The whole new form is
/// validated as filing validates it; system fields are refused.
struct Reviser {
    let context: NodeContext
    let operatorId: String?

    /// A change of one field: a new value, or `nil` to remove an optional field.
    typealias Changes = [String: FieldInput?]

    func revise(
        _ id: String, changes: Changes, resolves: [String: ConflictResolution] = [:]
    ) throws(CLIFailure) -> AmendResult {
        let app = try context.storeCall { () throws(StoreError) in try context.store.application(id: id) }
        var problems: [FieldProblem] = []
        for key in changes.keys.sorted() where FieldOwnership.isSystemField(key) {
            problems.append(FieldProblem(
                field: key, message: "This field is set by the system (the provisional identity at filing, the resident ID number by the household registration); it cannot be amended."))
        }
        guard problems.isEmpty else { throw CLIFailure.data(problems) }
        var inputs = FieldOwnership.formFields(app.fields).mapValues { FieldInput.text($0) }
        for (key, value) in changes {
            inputs[key] = value
        }
        let region = context.catalog.region(app.region) ?? context.region
        let validator = FormValidator(catalog: context.catalog, region: region)
        let form: ValidatedApplication
        // Checked as of the filing: a correction made weeks later must not fail rules that
        // count from "now" (a birth at most 183 days before), and no result may depend on
        // the clock of the day the correction is made.
        let asFiled = CivilDateTime.parse(String(app.summary.filedAt.prefix(16))) ?? CivilDateTime.now()
        switch validator.validate(
            bundle: app.summary.bundle, items: app.summary.items.map(\.item), inputs: inputs, now: asFiled)
        {
        case .failure(let refused): throw CLIFailure.data(refused.problems)
        case .success(let validated): form = validated
        }
        let result = try context.storeCall { () throws(StoreError) in
            try context.store.amend(id: id, form: form, resolves: resolves, operatorId: operatorId, at: Timestamp.now())
        }
        Diagnostics.logger.debug(
            "revised application",
            metadata: ["id": "\(id)", "revision": "\(result.revision)", "fields": "\(result.changed.joined(separator: ","))"])
        return result
    }
}
