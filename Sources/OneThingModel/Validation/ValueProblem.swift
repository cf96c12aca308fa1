/// A problem found while validating one value that a person typed in.
///
/// The message is written for the applicant or the clerk: it says what is
/// wrong and what a valid value looks like. It never repeats the value
/// itself, because the value is personal data and messages end up in logs.
public struct ValueProblem: Error, Sendable, Hashable, CustomStringConvertible {
    /// A full sentence describing the problem, without the offending value.
    public let message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
