public import OneThingDatabase
public import OneThingModel

/// Everything the hub refuses or fails with: a `code` and the facts its message needs.
/// Each message says what failed and what the operator (or the node's developer) can do
/// next. No message ever holds an applicant's data: problems name a field, an item or an
/// id, never a value.
public struct HubError: CodedError, Hashable {
    public struct Code: ErrorCode {
        public let rawValue: String

        init(_ rawValue: String) { self.rawValue = rawValue }

        // MARK: database
        /// Opening, reading or writing the database failed (`database` says how), a stored
        /// row included that no longer reads back (a damaged or hand-edited row).
        public static let database = Code("hub.database")
        /// A value could not be encoded (`what`): a fault of this program, not of the request.
        public static let internalFailure = Code("hub.internal")

        // MARK: requests
        public static let unauthorized = Code("hub.unauthorized")
        public static let adminDisabled = Code("hub.admin_disabled")
        /// A malformed request, said in `detail` (a sentence naming the place, never a value).
        public static let badRequest = Code("hub.bad_request")
        /// `limitBytes`.
        public static let tooLarge = Code("hub.too_large")
        public static let badGzip = Code("hub.bad_gzip")

        // MARK: data
        /// `id` (as given).
        public static let invalidNodeId = Code("hub.invalid_node_id")
        /// `id`.
        public static let nodeExists = Code("hub.node_exists")
        /// `id`.
        public static let noSuchNode = Code("hub.no_such_node")
        /// `provinceNo`.
        public static let noSuchApplication = Code("hub.no_such_application")
        /// `provinceNo`, `item`.
        public static let noSuchItem = Code("hub.no_such_item")
        /// The item cannot be decided now: `provinceNo`, `item`, `why` (waits for another
        /// item, already decided, returned for correction).
        public static let notDecidable = Code("hub.not_decidable")
        /// A decision that is incomplete or contradictory, said in `detail`.
        public static let invalidDecision = Code("hub.invalid_decision")
        /// A rejection or a return without a reason for the applicant (`decision`: its name).
        public static let missingReason = Code("hub.missing_reason")
        /// An approval of `item` without the `document` it issues, which `waiting` items need.
        public static let missingDocument = Code("hub.missing_document")
        /// Amended fields that the bundle does not have or whose values do not pass
        /// (`problems`: one per field, naming the field and the rule, never the value).
        public static let invalidFields = Code("hub.invalid_fields")

        // MARK: configuration
        /// The hub's catalogue cannot be used (`lines`: one per problem).
        public static let invalidCatalog = Code("hub.invalid_catalog")
        /// `path`, `reason`.
        public static let adminTokenUnusable = Code("hub.admin_token_unusable")
        /// A TLS certificate, key or client-CA file that cannot be used: `option`, `path`, `reason`.
        public static let tlsFileUnusable = Code("hub.tls_file_unusable")
        /// Plain http asked for on an address other than loopback (`host`).
        public static let plainHTTPOnNetwork = Code("hub.plain_http_on_network")

        /// Every code above, for tables and their tests.
        public static let all: [Code] = [
            .database, .internalFailure, .unauthorized, .adminDisabled, .badRequest, .tooLarge, .badGzip,
            .invalidNodeId, .nodeExists, .noSuchNode, .noSuchApplication, .noSuchItem, .notDecidable, .invalidDecision,
            .missingReason, .missingDocument, .invalidFields, .invalidCatalog, .adminTokenUnusable, .tlsFileUnusable,
            .plainHTTPOnNetwork,
        ]
    }

    public var code: Code
    /// The database failure behind `.database`.
    public var database: DatabaseFailure?
    /// A sentence: what is wrong with a request or a decision.
    public var detail: String?
    /// A node's id.
    public var id: String?
    public var provinceNo: String?
    public var item: String?
    public var why: String?
    public var decision: String?
    public var document: String?
    public var waiting: [String] = []
    public var problems: [FieldProblem] = []
    public var lines: [String] = []
    public var limitBytes: Int?
    public var what: String?
    public var path: String?
    public var reason: String?
    public var option: String?
    public var host: String?

    init(_ code: Code) { self.code = code }

    init(_ code: Code, _ fill: (inout HubError) -> Void) {
        self.code = code
        fill(&self)
    }

    public static func database(_ failure: DatabaseFailure) -> HubError { HubError(.database) { $0.database = failure } }
    public static func internalFailure(what: String) -> HubError { HubError(.internalFailure) { $0.what = what } }
    public static let unauthorized = HubError(.unauthorized)
    public static let adminDisabled = HubError(.adminDisabled)
    public static func badRequest(_ sentence: String) -> HubError { HubError(.badRequest) { $0.detail = sentence } }
    public static func tooLarge(limitBytes: Int) -> HubError { HubError(.tooLarge) { $0.limitBytes = limitBytes } }
    public static let badGzip = HubError(.badGzip)
    public static func invalidNodeId(_ id: String) -> HubError { HubError(.invalidNodeId) { $0.id = id } }
    public static func nodeExists(_ id: String) -> HubError { HubError(.nodeExists) { $0.id = id } }
    public static func noSuchNode(_ id: String) -> HubError { HubError(.noSuchNode) { $0.id = id } }
    public static func noSuchApplication(provinceNo: String) -> HubError {
        HubError(.noSuchApplication) { $0.provinceNo = provinceNo }
    }
    public static func noSuchItem(provinceNo: String, item: String) -> HubError {
        HubError(.noSuchItem) {
            $0.provinceNo = provinceNo
            $0.item = item
        }
    }
    public static func notDecidable(provinceNo: String, item: String, why: String) -> HubError {
        HubError(.notDecidable) {
            $0.provinceNo = provinceNo
            $0.item = item
            $0.why = why
        }
    }
    public static func invalidDecision(_ sentence: String) -> HubError { HubError(.invalidDecision) { $0.detail = sentence } }
    public static func missingReason(decision: String) -> HubError { HubError(.missingReason) { $0.decision = decision } }
    public static func missingDocument(item: String, document: String, waiting: [String]) -> HubError {
        HubError(.missingDocument) {
            $0.item = item
            $0.document = document
            $0.waiting = waiting
        }
    }
    public static func invalidFields(_ problems: [FieldProblem]) -> HubError { HubError(.invalidFields) { $0.problems = problems } }
    public static func invalidCatalog(_ lines: [String]) -> HubError { HubError(.invalidCatalog) { $0.lines = lines } }
    public static func adminTokenUnusable(path: String, reason: String) -> HubError {
        HubError(.adminTokenUnusable) {
            $0.path = path
            $0.reason = reason
        }
    }
    public static func tlsFileUnusable(option: String, path: String, reason: String) -> HubError {
        HubError(.tlsFileUnusable) {
            $0.option = option
            $0.path = path
            $0.reason = reason
        }
    }
    public static func plainHTTPOnNetwork(host: String) -> HubError { HubError(.plainHTTPOnNetwork) { $0.host = host } }

    /// The database errors (and a failure to encode): a problem of the machine, not of the
    /// request.
    public var isDatabaseFailure: Bool { code == .database || code == .internalFailure }

    /// The database failure's code, when this is one.
    public var databaseCode: DatabaseFailure.Code? { database?.code }

    /// A row of `table` that cannot be read back.
    static func damagedRow(table: String, key: String) -> HubError { .database(.damagedRow(table: table, key: key)) }

    /// The failure behind any error thrown while working on the database at `path`.
    init(_ error: any Error, path: String) {
        self = error as? HubError ?? .database(DatabaseFailure(error, path: path))
    }
}
