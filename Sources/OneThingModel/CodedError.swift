/// A stable name for one kind of failure or problem, such as `store.no_such_application`:
/// what callers match on, what logs and `--json` output show, and what the message tables
/// (one per language) are keyed by. Each module declares its codes as static members of
/// its own code type, prefixed with the module's area (`model.`, `store.`, `hub.`, ...);
/// a raw value never changes once released, and no two codes share one.
package protocol ErrorCode: Hashable, Sendable, CustomStringConvertible {
    /// The stable name, lower case with `_` and one `.` after the area.
    var rawValue: String { get }
}

extension ErrorCode {
    package var description: String { rawValue }
}

/// An error that says what went wrong as a `code`, with the named facts its message needs
/// stored beside it (an id, a path, a limit; never an applicant's data). `message` is the
/// English text, which is also its `description`; a message in another language is looked
/// up by the code and filled in from the same facts.
package protocol CodedError: Error, Sendable, CustomStringConvertible {
    associatedtype Code: ErrorCode
    var code: Code { get }
    /// The English sentence(s), for a person to act on.
    var message: String { get }
}

extension CodedError {
    package var description: String { message }
}
