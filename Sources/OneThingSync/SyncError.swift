package import OneThingModel
package import OneThingStore

/// Why a sync run stopped: a `code` and the facts its message needs. Every code leaves all
/// work stored for the next run.
package struct SyncError: CodedError, Hashable {
    package struct Code: ErrorCode {
        package let rawValue: String

        init(_ rawValue: String) { self.rawValue = rawValue }

        /// The hub refused the node (401/403): wrong or revoked token, unknown node.
        /// `status`, `detail` (the hub's explanation).
        package static let hubRefused = Code("sync.hub_refused")
        /// The TLS handshake with the hub failed (certificate not trusted, expired or for
        /// another name; client certificate missing or refused): a person must fix it.
        /// `detail`, and the `transport` failure.
        package static let secureConnection = Code("sync.secure_connection")
        /// Unreachable, timed out, 5xx, or retries ran out of time: try again later.
        /// `detail`, and the last `transport` failure when there was one.
        package static let temporary = Code("sync.temporary")
        /// The hub answered something this node cannot use (garbage, a sequence gap): `detail`.
        package static let protocolViolation = Code("sync.protocol_violation")
        /// Another sync run holds the node's sync lock (`path`).
        package static let locked = Code("sync.locked")
        /// The sync lock file (`path`) cannot be created (`detail` says why).
        package static let lockUnusable = Code("sync.lock_unusable")
        /// The node's own database failed (`store`).
        package static let store = Code("sync.store")
        /// The node is not set up for sync, or a file it needs is unusable: `detail`, and the
        /// `transport` failure when the transport found it.
        package static let configuration = Code("sync.configuration")

        /// Every code above, for tables and their tests.
        package static let all: [Code] = [
            .hubRefused, .secureConnection, .temporary, .protocolViolation, .locked, .lockUnusable, .store, .configuration,
        ]
    }

    package var code: Code
    /// The HTTP status of a refusal.
    package var status: Int?
    /// A sentence: what the hub said, or what failed.
    package var detail: String?
    /// The sync lock file.
    package var path: String?
    package var store: StoreError?
    package var transport: TransportError?

    init(
        _ code: Code, status: Int? = nil, detail: String? = nil, path: String? = nil, store: StoreError? = nil,
        transport: TransportError? = nil
    ) {
        self.code = code
        self.status = status
        self.detail = detail
        self.path = path
        self.store = store
        self.transport = transport
    }

    package static func hubRefused(status: Int, message: String) -> SyncError {
        SyncError(.hubRefused, status: status, detail: message)
    }
    package static func secureConnection(_ text: String, cause: TransportError? = nil) -> SyncError {
        SyncError(.secureConnection, detail: text, transport: cause)
    }
    package static func temporary(_ text: String, cause: TransportError? = nil) -> SyncError {
        SyncError(.temporary, detail: text, transport: cause)
    }
    package static func protocolViolation(_ text: String) -> SyncError { SyncError(.protocolViolation, detail: text) }
    package static func locked(path: String) -> SyncError { SyncError(.locked, path: path) }
    package static func lockUnusable(path: String, reason: String) -> SyncError {
        SyncError(.lockUnusable, detail: reason, path: path)
    }
    package static func store(_ error: StoreError) -> SyncError { SyncError(.store, store: error) }
    package static func configuration(_ text: String, cause: TransportError? = nil) -> SyncError {
        SyncError(.configuration, detail: text, transport: cause)
    }

    package var message: String {
        let detail = detail ?? ""
        return switch code {
        case .hubRefused:
            "The hub refused this node (HTTP \(status ?? 0)): \(detail) Check the node id and token file (`onething init`); the queue is kept."
        case .secureConnection: "\(detail) Everything not yet delivered is kept for the next run."
        case .temporary: "\(detail) Everything is kept for the next run."
        case .protocolViolation:
            "The hub's answer cannot be used: \(detail) Everything is kept for the next run; if this repeats, report it to the hub operator."
        case .locked: "Another sync is running (it holds \(path ?? "?")); this run did nothing. Cron will try again."
        case .lockUnusable: "Cannot create the sync lock file \(path ?? "?"): \(detail)."
        case .store: store?.description ?? ""
        default: detail
        }
    }
}
