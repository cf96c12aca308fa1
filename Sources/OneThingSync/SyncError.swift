public import OneThingStore

/// Why a sync run stopped. Every case leaves all work stored for the next run.
public enum SyncError: Error, Sendable, CustomStringConvertible {
    /// The hub refused the node (401/403): wrong or revoked token, unknown node.
    case hubRefused(status: Int, message: String)
    /// The TLS handshake with the hub failed (certificate not trusted, expired or for
    /// another name; client certificate missing or refused): a person must fix it.
    case secureConnection(String)
    /// Unreachable, timed out, 5xx, or retries ran out of time: try again later.
    case temporary(String)
    /// The hub answered something this node cannot use (garbage, a sequence gap).
    case protocolViolation(String)
    /// Another sync run holds the node's sync lock.
    case locked(path: String)
    /// The node's own database failed.
    case store(StoreError)
    /// The node is not set up for sync, or its token file is unusable.
    case configuration(String)

    public var description: String {
        switch self {
        case .hubRefused(let status, let message):
            "The hub refused this node (HTTP \(status)): \(message) Check the node id and token file (`onething init`); the queue is kept."
        case .secureConnection(let text): "\(text) Everything not yet delivered is kept for the next run."
        case .temporary(let text): "\(text) Everything is kept for the next run."
        case .protocolViolation(let text): "The hub's answer cannot be used: \(text) Everything is kept for the next run; if this repeats, report it to the hub operator."
        case .locked(let path): "Another sync is running (it holds \(path)); this run did nothing. Cron will try again."
        case .store(let error): error.description
        case .configuration(let text): text
        }
    }
}
