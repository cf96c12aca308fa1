import Testing

import Hummingbird
import OneThingDatabase
import OneThingModel
@testable import OneThingHub

/// `HubError`: a code per failure, stable raw values, the messages as before, and the HTTP
/// status each code answers with.
@Suite struct HubErrorTests {
    static let stable: [(HubError.Code, String)] = [
        (.database, "hub.database"),
        (.internalFailure, "hub.internal"),
        (.unauthorized, "hub.unauthorized"),
        (.adminDisabled, "hub.admin_disabled"),
        (.badRequest, "hub.bad_request"),
        (.tooLarge, "hub.too_large"),
        (.badGzip, "hub.bad_gzip"),
        (.invalidNodeId, "hub.invalid_node_id"),
        (.nodeExists, "hub.node_exists"),
        (.noSuchNode, "hub.no_such_node"),
        (.noSuchApplication, "hub.no_such_application"),
        (.noSuchItem, "hub.no_such_item"),
        (.notDecidable, "hub.not_decidable"),
        (.invalidDecision, "hub.invalid_decision"),
        (.missingReason, "hub.missing_reason"),
        (.missingDocument, "hub.missing_document"),
        (.invalidFields, "hub.invalid_fields"),
        (.invalidCatalog, "hub.invalid_catalog"),
        (.adminTokenUnusable, "hub.admin_token_unusable"),
        (.tlsFileUnusable, "hub.tls_file_unusable"),
        (.plainHTTPOnNetwork, "hub.plain_http_on_network"),
        (.invalidDatabaseURL, "hub.invalid_database_url"),
        (.notOnPostgreSQL, "hub.not_on_postgresql"),
    ]

    @Test func everyCodeIsListedStableAndUnique() {
        #expect(Self.stable.map(\.0) == HubError.Code.all)
        for (code, raw) in Self.stable { #expect(code.rawValue == raw) }
        #expect(Set(HubError.Code.all.map(\.rawValue)).count == HubError.Code.all.count)
        #expect(ProblemCode.hub.allSatisfy { $0.rawValue.hasPrefix("hub.") })
    }

    @Test(arguments: [
        (HubError.noSuchItem(provinceNo: "FJ0000000001", item: "passport"),
         "The application FJ0000000001 has no item passport; `onething-hub show FJ0000000001` lists its items."),
        (.notDecidable(provinceNo: "FJ0000000001", item: "household-registration", why: "waits for birth-certificate"),
         "The item household-registration of FJ0000000001 cannot be decided now: it waits for birth-certificate."),
        (.missingDocument(item: "household-registration", document: "resident_id_number", waiting: ["social-security-card", "medical-insurance-enrolment"]),
         "Approving household-registration issues the resident_id_number that social-security-card, medical-insurance-enrolment wait for; give it with the decision (\"documents\" in the request). Nothing was recorded."),
        (.missingReason(decision: "reject"),
         "A decision to reject needs a reason for the applicant (\"reason\" in the request); nothing was recorded."),
        (.tooLarge(limitBytes: 8 * 1024 * 1024),
         "The request body is larger than the 8 MiB this hub accepts; send smaller batches."),
        (.badRequest("The catalog_version parameter is longer than 64 characters."),
         "The catalog_version parameter is longer than 64 characters."),
        (.invalidCatalog(["catalog.json: version: empty."]), "The hub's catalogue cannot be used:\ncatalog.json: version: empty."),
        (.invalidFields([FieldProblem(.unknownField, field: "colour", message: "The birth form has no such field.")]),
         "colour: The birth form has no such field."),
        (.tlsFileUnusable(option: "--tls-key", path: "/etc/hub.key", reason: "it does not belong to the certificate"),
         "The file /etc/hub.key given to --tls-key cannot be used: it does not belong to the certificate. Fix it (or give another file with --tls-key) and start the hub again."),
        (.noSuchNode("ward-9"), "There is no node ward-9 on this hub; `onething-hub nodes list` shows the registered nodes."),
    ])
    func messagesAreUnchanged(_ error: HubError, _ message: String) {
        #expect(error.description == message)
    }

    @Test func eachCodeAnswersWithItsStatus() {
        let expected: [HubError.Code: Int] = [
            .unauthorized: 401, .adminDisabled: 401, .badRequest: 400, .badGzip: 400, .invalidFields: 400,
            .invalidDecision: 400, .missingReason: 400, .missingDocument: 400, .invalidNodeId: 400, .tooLarge: 413,
            .noSuchApplication: 404, .noSuchItem: 404, .noSuchNode: 404, .notDecidable: 409, .nodeExists: 409,
        ]
        for code in HubError.Code.all {
            let status = HubErrorMiddleware<BasicRequestContext>.status(of: HubError(code)).code
            #expect(status == expected[code] ?? 500, "\(code)")
        }
        let busy = HubError.database(DatabaseFailure(.busy, path: "/srv/hub.sqlite"))
        #expect(HubErrorMiddleware<BasicRequestContext>.status(of: busy).code == 503)
        // PostgreSQL: unreachable or too busy is temporary (503); anything else of the database 500.
        for code in DatabaseFailure.Code.all {
            let failure = HubError.database(DatabaseFailure(code, path: "postgres://hub@db.example:5432/hub"))
            let temporary: Set<DatabaseFailure.Code> = [.busy, .unavailable, .contention]
            #expect(HubErrorMiddleware<BasicRequestContext>.status(of: failure).code == (temporary.contains(code) ? 503 : 500), "\(code)")
        }
    }
}
