import Foundation
@testable import OneThingHub
import OneThingModel
import OneThingWire
import TestSupport

/// Push entries built from the embedded catalogue's example values (synthetic data only):
/// validated with `FormValidator`, frozen by the node's canonical writer with its SHA-256, as a
/// node does.
enum SyntheticEntries {
    static let birthItems = [
        "birth-certificate", "vaccination-certificate", "household-registration", "maternity-insurance",
        "medical-insurance-enrolment", "social-security-card",
    ]

    /// `OT-` and ten characters of Crockford base 32, made from a number.
    static func applicationID(_ number: Int) -> String {
        let digits = String(number)
        return "OT-" + String(repeating: "0", count: max(0, 10 - digits.count)) + digits
    }

    static func payload(
        applicationId: String, revision: Int = 1, bundle: String = "birth", items: [String]? = nil,
        changing overrides: [String: String] = [:]
    ) throws -> ApplicationPayload {
        let catalog = try CatalogLoader.embedded(today: TestMoment.filing.date)
        guard let definition = catalog.bundle(bundle), let region = catalog.region(catalog.defaultRegion) else {
            throw FixtureError.unknownBundle
        }
        let selected = items ?? catalog.menu(bundle: definition, region: region).map(\.code)
        let now = TestMoment.filing.civil
        var inputs: [String: FieldInput] = [:]
        for example in CatalogExamples.application(bundle: definition, items: selected, today: now.date) {
            inputs[example.field] = .text(example.value)
        }
        for (field, value) in overrides { inputs[field] = .text(value) }
        let validated = try FormValidator(catalog: catalog, region: region)
            .validate(bundle: bundle, items: selected, inputs: inputs, now: now).get()
        return ApplicationPayload(
            applicationId: applicationId, revision: revision, baseRevision: revision == 1 ? nil : revision - 1,
            application: validated, operatorId: nil)
    }

    /// An entry as a node freezes and sends it: the payload's canonical bytes from the node's
    /// own writer, hashed, and sent as they are.
    static func entry(seq: Int64, key: String? = nil, payload: ApplicationPayload) throws -> PushEntry {
        let frozen = Data(payload.canonicalJSONBytes)
        return PushEntry(
            seq: seq, idempotencyKey: key ?? "key-\(payload.applicationId)-r\(payload.revision)",
            applicationId: payload.applicationId, revision: payload.revision, baseRevision: payload.baseRevision,
            payloadSHA256: Digest.sha256Hex(frozen), payload: PushPayload(frozen: frozen))
    }

    /// Entry `seq` filing a new application numbered `seq`.
    static func newApplication(seq: Int64, bundle: String = "birth", items: [String]? = nil) throws -> PushEntry {
        try entry(seq: seq, payload: payload(applicationId: applicationID(Int(seq)), bundle: bundle, items: items))
    }

    enum FixtureError: Error {
        case unknownBundle
    }
}
