/// A value bound to a hub statement or read from a row: the hub's tables hold text and
/// integers only (JSON as text, flags as 0 and 1), so that one SQL text suits both databases.
package enum HubValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case text(String)
    /// A real or a blob: the hub writes neither, so no column reads it (a damaged row).
    case other
}

/// What can be bound to a statement's `?`.
package protocol HubBindable {
    var hubValue: HubValue { get }
}

extension String: HubBindable {
    package var hubValue: HubValue { .text(self) }
}

extension Int: HubBindable {
    package var hubValue: HubValue { .integer(Int64(self)) }
}

extension Int64: HubBindable {
    package var hubValue: HubValue { .integer(self) }
}

extension Bool: HubBindable {
    package var hubValue: HubValue { .integer(self ? 1 : 0) }
}

extension Optional: HubBindable where Wrapped: HubBindable {
    package var hubValue: HubValue { self?.hubValue ?? .null }
}

/// What a column can be read as, strictly: NULL only into an optional, an integer never from
/// text, text never from an integer.
package protocol HubColumnValue {
    init?(hubValue: HubValue)
}

extension String: HubColumnValue {
    package init?(hubValue: HubValue) {
        guard case .text(let text) = hubValue else { return nil }
        self = text
    }
}

extension Int64: HubColumnValue {
    package init?(hubValue: HubValue) {
        guard case .integer(let value) = hubValue else { return nil }
        self = value
    }
}

extension Int: HubColumnValue {
    package init?(hubValue: HubValue) {
        guard case .integer(let value) = hubValue, let int = Int(exactly: value) else { return nil }
        self = int
    }
}

extension Bool: HubColumnValue {
    package init?(hubValue: HubValue) {
        guard case .integer(let value) = hubValue, value == 0 || value == 1 else { return nil }
        self = value == 1
    }
}

extension Optional: HubColumnValue where Wrapped: HubColumnValue {
    package init?(hubValue: HubValue) {
        if case .null = hubValue {
            self = .none
            return
        }
        guard let value = Wrapped(hubValue: hubValue) else { return nil }
        self = .some(value)
    }
}

extension HubColumnValue where Self: RawRepresentable, RawValue == String {
    package init?(hubValue: HubValue) {
        guard case .text(let text) = hubValue else { return nil }
        self.init(rawValue: text)
    }
}
