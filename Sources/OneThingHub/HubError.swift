public import OneThingModel

/// Everything the hub refuses or fails with. Each message says what failed and what the
/// operator (or the node's developer) can do next. No message ever holds an applicant's
/// data: problems name a field, an item or an id, never a value.
public enum HubError: Error, Sendable, Hashable, CustomStringConvertible {
    // MARK: database
    case cannotOpen(path: String, reason: String)
    case notADatabase(path: String)
    case corrupt(path: String)
    case diskFull(path: String)
    case readOnly(path: String)
    case busy(path: String)
    case newerSchema(path: String)
    case io(path: String, code: Int32)
    case internalFailure(path: String, code: Int32)
    /// Stored JSON (fields, results) that no longer decodes: a damaged or hand-edited row.
    case damagedRow(table: String, key: String)

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
    /// A decision that is incomplete (no reason for a rejection) or contradictory.
    case invalidDecision(String)
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
        case .cannotOpen(let path, let reason):
            "Cannot open the hub database \(path): \(reason). Check that the folder exists and is writable, or choose another file with --db."
        case .notADatabase(let path):
            "The file \(path) is not a OneThing hub database (or is encrypted or damaged). It was left untouched; point --db at the right file or restore it from a backup."
        case .corrupt(let path):
            "The hub database \(path) is damaged (SQLite reports corruption). It was left untouched; stop the hub, copy the file aside and restore it from a backup."
        case .diskFull(let path):
            "The disk holding \(path) is full; nothing of this operation was stored. Free some space and try again."
        case .readOnly(let path):
            "The hub database \(path) cannot be written (read-only file, folder or file system). Fix its permissions or choose another file with --db."
        case .busy(let path):
            "The hub database \(path) stayed locked by another process past the waiting time. Nothing was changed; try again in a moment."
        case .newerSchema(let path):
            "The hub database \(path) was written by a newer version of onething-hub. Nothing was changed; install the newer version."
        case .io(let path, let code):
            "Reading or writing \(path) failed (SQLite I/O error \(code)). Nothing of this operation was stored; check the disk and try again."
        case .internalFailure(let path, let code):
            "The hub database \(path) refused an operation (SQLite error \(code)). Nothing of this operation was stored; please report this."
        case .damagedRow(let table, let key):
            "A stored row of \(table) (\(key)) cannot be read back; the database was edited by hand or is damaged. Restore it from a backup."
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

    /// The database errors: a problem of the machine, not of the request.
    public var isDatabaseFailure: Bool {
        switch self {
        case .cannotOpen, .notADatabase, .corrupt, .diskFull, .readOnly, .busy, .newerSchema, .io,
            .internalFailure, .damagedRow:
            true
        default:
            false
        }
    }
}
