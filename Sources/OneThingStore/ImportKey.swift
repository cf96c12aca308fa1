import Foundation
package import OneThingModel
import OneThingWire

/// One line of an import (`apply --ndjson`): its idempotency key and the application's
/// fields (the line without `_source_id`).
package struct ImportLine: Sendable, Hashable {
    package var key: String
    package var inputs: [String: FieldInput]
    /// True when the key comes from the line's `_source_id`, false when from its content.
    package var fromSourceID: Bool
}

/// The idempotency key of an import line, stored with the application it files (schema
/// v6), so that running the same file again files no line twice.
///
/// - A line with `_source_id` (the record's id in the exporting system: a string or a whole
///   number) is keyed by the bundle and that id: the same record is one application, even
///   if the export changed it since (a correction is `onething amend`).
/// - Any other line is keyed by its content: SHA-256 over the bundle, the items it is filed
///   for and its field map normalised as filing normalises it (each value as the field's
///   check leaves it: NFKC, trimmed, upper-case X in ID numbers...; keys sorted). White
///   space, key order, full-width digits or a number written as a string make no
///   difference; identical lines in one file are one application.
///
/// Neither key holds a value in clear.
package enum ImportKey {
    package static let sourceIDField = "_source_id"
    static let version = "onething-import-v1"

    package static func line(
        _ inputs: [String: FieldInput], bundle code: String, items requested: [String]?, catalog: Catalog, region: Region,
        now: CivilDateTime
    ) -> Result<ImportLine, FieldProblem> {
        var fields = inputs
        if let source = fields.removeValue(forKey: sourceIDField) {
            guard let id = sourceID(source) else {
                return .failure(
                    FieldProblem(
                        .invalidSourceID, field: sourceIDField,
                        message: "The record's id in the exporting system must be a string or a whole number of at most 128 characters (no control characters); leave the field out if there is none."))
            }
            return .success(ImportLine(key: digest([version, "source", code, id]), inputs: fields, fromSourceID: true))
        }
        let bundle = catalog.bundle(code)
        var items = requested ?? []
        if let bundle {
            let menu = catalog.menu(bundle: bundle, region: region).map(\.code)
            items = menu.filter { (requested ?? menu).contains($0) }
        }
        var normalised: [String: String] = [:]
        for (field, input) in fields {
            if let definition = bundle?.field(field), case .success(let value) = FieldValueValidator.validate(input, as: definition, now: now) {
                normalised[field] = value
            } else {
                // A value that does not pass is refused with its line, so its key is never
                // stored; it only has to be the same for the same input.
                normalised[field] = "\u{0}" + String(describing: input)
            }
        }
        let key = digest([version, "content", code, items.joined(separator: ","), JSONCodec.text(normalised)])
        return .success(ImportLine(key: key, inputs: fields, fromSourceID: false))
    }

    private static func sourceID(_ input: FieldInput) -> String? {
        let text: String
        switch input {
        case .text(let raw):
            guard case .success(let clean) = InputText.normalise(raw) else { return nil }
            text = clean
        case .number(let number):
            guard number.isFinite, number == number.rounded(), abs(number) < 1e15 else { return nil }
            text = String(Int64(number))
        case .bool, .unsupported:
            return nil
        }
        guard !text.isEmpty, text.count <= 128 else { return nil }
        return text
    }

    /// The parts joined by NUL (which no part holds: control characters never pass the
    /// checks) and hashed.
    private static func digest(_ parts: [String]) -> String {
        Hex.sha256(Data(parts.joined(separator: "\u{0}").utf8))
    }
}
