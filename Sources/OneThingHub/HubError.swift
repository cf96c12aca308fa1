package import OneThingDatabase
package import OneThingModel

/// Everything the hub refuses or fails with: a `code` and the facts its message needs.
/// Each message says what failed and what the operator (or the node's developer) can do
/// next. No message ever holds an applicant's data: problems name a field, an item or an
/// id, never a value.
package struct HubError: CodedError, Hashable {
    package struct Code: ErrorCode {
        package let rawValue: String

        init(_ rawValue: String) { self.rawValue = rawValue }

        // MARK: database
        /// Opening, reading or writing the database failed (`database` says how), a stored
        /// row included that no longer reads back (a damaged or hand-edited row).
        package static let database = Code("hub.database")
        /// A value could not be encoded (`what`): a fault of this program, not of the request.
        package static let internalFailure = Code("hub.internal")

        // MARK: requests
        package static let unauthorized = Code("hub.unauthorized")
        package static let adminDisabled = Code("hub.admin_disabled")
        /// A malformed request, said in `detail` (a sentence naming the place, never a value).
        package static let badRequest = Code("hub.bad_request")
        /// `limitBytes`.
        package static let tooLarge = Code("hub.too_large")
        package static let badGzip = Code("hub.bad_gzip")

        // MARK: data
        /// `id` (as given).
        package static let invalidNodeId = Code("hub.invalid_node_id")
        /// `id`.
        package static let nodeExists = Code("hub.node_exists")
        /// `id`.
        package static let noSuchNode = Code("hub.no_such_node")
        /// `provinceNo`.
        package static let noSuchApplication = Code("hub.no_such_application")
        /// `provinceNo`, `item`.
        package static let noSuchItem = Code("hub.no_such_item")
        /// The item cannot be decided now: `provinceNo`, `item`, `why` (waits for another
        /// item, already decided, returned for correction).
        package static let notDecidable = Code("hub.not_decidable")
        /// A decision that is incomplete or contradictory, said in `detail`.
        package static let invalidDecision = Code("hub.invalid_decision")
        /// A rejection or a return without a reason for the applicant (`decision`: its name).
        package static let missingReason = Code("hub.missing_reason")
        /// An approval of `item` without the `document` it issues, which `waiting` items need.
        package static let missingDocument = Code("hub.missing_document")
        /// Amended fields that the bundle does not have or whose values do not pass
        /// (`problems`: one per field, naming the field and the rule, never the value).
        package static let invalidFields = Code("hub.invalid_fields")

        // MARK: configuration
        /// The hub's catalogue cannot be used (`lines`: one per problem).
        package static let invalidCatalog = Code("hub.invalid_catalog")
        /// `path`, `reason`.
        package static let adminTokenUnusable = Code("hub.admin_token_unusable")
        /// A TLS certificate, key or client-CA file that cannot be used: `option`, `path`, `reason`.
        package static let tlsFileUnusable = Code("hub.tls_file_unusable")
        /// Plain http asked for on an address other than loopback (`host`).
        package static let plainHTTPOnNetwork = Code("hub.plain_http_on_network")
        /// `--db` looks like a PostgreSQL URL but cannot be used (`detail`).
        package static let invalidDatabaseURL = Code("hub.invalid_database_url")
        /// A command that works on the SQLite file only, given a PostgreSQL database (`what`).
        package static let notOnPostgreSQL = Code("hub.not_on_postgresql")

        /// Every code above, for tables and their tests.
        package static let all: [Code] = [
            .database, .internalFailure, .unauthorized, .adminDisabled, .badRequest, .tooLarge, .badGzip,
            .invalidNodeId, .nodeExists, .noSuchNode, .noSuchApplication, .noSuchItem, .notDecidable, .invalidDecision,
            .missingReason, .missingDocument, .invalidFields, .invalidCatalog, .adminTokenUnusable, .tlsFileUnusable,
            .plainHTTPOnNetwork, .invalidDatabaseURL, .notOnPostgreSQL,
        ]
    }

    package var code: Code
    /// The database failure behind `.database`.
    package var database: DatabaseFailure?
    /// A sentence: what is wrong with a request or a decision.
    package var detail: String?
    /// A node's id.
    package var id: String?
    package var provinceNo: String?
    package var item: String?
    package var why: String?
    package var decision: String?
    package var document: String?
    package var waiting: [String] = []
    package var problems: [FieldProblem] = []
    package var lines: [String] = []
    package var limitBytes: Int?
    package var what: String?
    package var path: String?
    package var reason: String?
    package var option: String?
    package var host: String?

    init(_ code: Code) { self.code = code }

    init(_ code: Code, _ fill: (inout HubError) -> Void) {
        self.code = code
        fill(&self)
    }

    package static func database(_ failure: DatabaseFailure) -> HubError { HubError(.database) { $0.database = failure } }
    package static func internalFailure(what: String) -> HubError { HubError(.internalFailure) { $0.what = what } }
    package static let unauthorized = HubError(.unauthorized)
    package static let adminDisabled = HubError(.adminDisabled)
    package static func badRequest(_ sentence: String) -> HubError { HubError(.badRequest) { $0.detail = sentence } }
    package static func tooLarge(limitBytes: Int) -> HubError { HubError(.tooLarge) { $0.limitBytes = limitBytes } }
    package static let badGzip = HubError(.badGzip)
    package static func invalidNodeId(_ id: String) -> HubError { HubError(.invalidNodeId) { $0.id = id } }
    package static func nodeExists(_ id: String) -> HubError { HubError(.nodeExists) { $0.id = id } }
    package static func noSuchNode(_ id: String) -> HubError { HubError(.noSuchNode) { $0.id = id } }
    package static func noSuchApplication(provinceNo: String) -> HubError {
        HubError(.noSuchApplication) { $0.provinceNo = provinceNo }
    }
    package static func noSuchItem(provinceNo: String, item: String) -> HubError {
        HubError(.noSuchItem) {
            $0.provinceNo = provinceNo
            $0.item = item
        }
    }
    package static func notDecidable(provinceNo: String, item: String, why: String) -> HubError {
        HubError(.notDecidable) {
            $0.provinceNo = provinceNo
            $0.item = item
            $0.why = why
        }
    }
    package static func invalidDecision(_ sentence: String) -> HubError { HubError(.invalidDecision) { $0.detail = sentence } }
    package static func missingReason(decision: String) -> HubError { HubError(.missingReason) { $0.decision = decision } }
    package static func missingDocument(item: String, document: String, waiting: [String]) -> HubError {
        HubError(.missingDocument) {
            $0.item = item
            $0.document = document
            $0.waiting = waiting
        }
    }
    package static func invalidFields(_ problems: [FieldProblem]) -> HubError { HubError(.invalidFields) { $0.problems = problems } }
    package static func invalidCatalog(_ lines: [String]) -> HubError { HubError(.invalidCatalog) { $0.lines = lines } }
    package static func adminTokenUnusable(path: String, reason: String) -> HubError {
        HubError(.adminTokenUnusable) {
            $0.path = path
            $0.reason = reason
        }
    }
    package static func tlsFileUnusable(option: String, path: String, reason: String) -> HubError {
        HubError(.tlsFileUnusable) {
            $0.option = option
            $0.path = path
            $0.reason = reason
        }
    }
    package static func plainHTTPOnNetwork(host: String) -> HubError { HubError(.plainHTTPOnNetwork) { $0.host = host } }
    package static func invalidDatabaseURL(_ sentence: String) -> HubError { HubError(.invalidDatabaseURL) { $0.detail = sentence } }
    package static func notOnPostgreSQL(_ command: String) -> HubError { HubError(.notOnPostgreSQL) { $0.what = command } }

    /// The database errors (and a failure to encode): a problem of the machine, not of the
    /// request.
    package var isDatabaseFailure: Bool { code == .database || code == .internalFailure }

    /// The database failure's code, when this is one.
    package var databaseCode: DatabaseFailure.Code? { database?.code }

    /// A row of `table` that cannot be read back.
    static func damagedRow(table: String, key: String) -> HubError { .database(.damagedRow(table: table, key: key)) }

    /// The failure behind any error thrown while working on the database at `path`.
    init(_ error: any Error, path: String) {
        self = error as? HubError ?? .database(DatabaseFailure(error, path: path))
    }
}
