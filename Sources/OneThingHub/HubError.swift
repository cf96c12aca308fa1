public import OneThingDatabase
public import OneThingModel

/// Everything the hub refuses or fails with. Each message says what failed and what the
/// operator (or the node's developer) can do next. No message ever holds an applicant's
/// data: problems name a field, an item or an id, never a value.
public enum HubError: Error, Sendable, Hashable, CustomStringConvertible {
    // MARK: database
    /// Opening, reading or writing the database failed (`DatabaseFailure.code`), a stored
    /// row included that no longer reads back (a damaged or hand-edited row).
    case database(DatabaseFailure)
    /// A value could not be encoded (`what`): a fault of this program, not of the request.
    case internalFailure(what: String)

    // MARK: requests
    case unauthorized
    case adminDisabled
    case badRequest(String)
    case tooLarge(limitBytes: Int)
    case badGzip

    // MARK: data
    case invalidNodeId(String)
    case nodeExists(String)
    case noSuchNode(String)
    case noSuchApplication(provinceNo: String)
    case noSuchItem(provinceNo: String, item: String)
    /// The item cannot be decided now; the sentence says why (waits for another item,
    /// already decided, returned for correction).
    case notDecidable(provinceNo: String, item: String, why: String)
    /// A decision that is incomplete or contradictory.
    case invalidDecision(String)
    /// A rejection or a return without a reason for the applicant (`decision`: its name).
    case missingReason(decision: String)
    /// An approval of `item` without the `document` it issues, which `waiting` items need.
    case missingDocument(item: String, document: String, waiting: [String])
    /// Amended fields that the bundle does not have or whose values do not pass; one
    /// problem per field, naming the field and the rule, never the value.
    case invalidFields([FieldProblem])

    // MARK: configuration
    case invalidCatalog([String])
    case adminTokenUnusable(path: String, reason: String)
    /// A TLS certificate, key or client-CA file that cannot be used.
    case tlsFileUnusable(option: String, path: String, reason: String)
    /// Plain http asked for on an address other than loopback.
    case plainHTTPOnNetwork(host: String)

    public var description: String {
        switch self {
        case .database(let failure):
            failure.description
        case .internalFailure(let what):
            "The hub failed to encode \(what); nothing of this operation was stored. Please report this."
        case .unauthorized:
            "The request is not authorised: the bearer token is missing, wrong or revoked, or does not belong to the node in the path. Check the node's token file, or register the node again with `onething-hub nodes add`."
        case .adminDisabled:
            "The admin API is disabled on this hub; start it with `onething-hub serve --admin-token-file FILE` to enable it."
        case .badRequest(let sentence):
            sentence
        case .tooLarge(let limit):
            "The request body is larger than the \(limit / (1024 * 1024)) MiB this hub accepts; send smaller batches."
        case .badGzip:
            "The request body is marked Content-Encoding: gzip but is not valid gzip data; nothing was applied."
        case .invalidNodeId(let id):
            "\"\(id)\" is not a valid node id: use 1 to 64 characters of a-z, 0-9, '.', '_' and '-', starting with a letter or digit."
        case .nodeExists(let id):
            "The node \(id) is already registered; its token cannot be shown again. Revoke it with `onething-hub nodes revoke \(id)` and register a new id if the token was lost."
        case .noSuchNode(let id):
            "There is no node \(id) on this hub; `onething-hub nodes list` shows the registered nodes."
        case .noSuchApplication(let number):
            "There is no application \(number) on this hub; `onething-hub list` shows the province numbers."
        case .noSuchItem(let number, let item):
            "The application \(number) has no item \(item); `onething-hub show \(number)` lists its items."
        case .notDecidable(let number, let item, let why):
            "The item \(item) of \(number) cannot be decided now: it \(why)."
        case .invalidDecision(let sentence):
            sentence
        case .missingReason(let decision):
            "A decision to \(decision) needs a reason for the applicant (\"reason\" in the request); nothing was recorded."
        case .missingDocument(let item, let document, let waiting):
            "Approving \(item) issues the \(document) that \(waiting.joined(separator: ", ")) wait for; give it with the decision (\"documents\" in the request). Nothing was recorded."
        case .invalidFields(let issues):
            issues.map(\.description).joined(separator: "\n")
        case .invalidCatalog(let lines):
            (["The hub's catalogue cannot be used:"] + lines).joined(separator: "\n")
        case .adminTokenUnusable(let path, let reason):
            "The admin token file \(path) cannot be used: \(reason). Write a long random token into it (one line) and start the hub again."
        case .tlsFileUnusable(let option, let path, let reason):
            "The file \(path) given to \(option) cannot be used: \(reason). Fix it (or give another file with \(option)) and start the hub again."
        case .plainHTTPOnNetwork(let host):
            "The hub will not serve plain http on \(host): applicants' data would cross the network unencrypted. Give its certificate and key with --tls-cert FILE --tls-key FILE (and --tls-client-ca FILE to require node certificates), or listen on a loopback address (127.0.0.1, ::1, localhost) for tests and demos."
        }
    }

    /// The database errors (and a failure to encode): a problem of the machine, not of the
    /// request.
    public var isDatabaseFailure: Bool {
        switch self {
        case .database, .internalFailure: true
        default: false
        }
    }

    /// The database failure's code, when this is one.
    public var databaseCode: DatabaseFailure.Code? {
        if case .database(let failure) = self { failure.code } else { nil }
    }

    /// A row of `table` that cannot be read back.
    static func damagedRow(table: String, key: String) -> HubError { .database(.damagedRow(table: table, key: key)) }

    /// The failure behind any error thrown while working on the database at `path`.
    init(_ error: any Error, path: String) {
        self = error as? HubError ?? .database(DatabaseFailure(error, path: path))
    }
}
