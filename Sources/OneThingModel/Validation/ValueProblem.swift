/// A problem found while validating one value that a person typed in.
///
/// The message is written for the applicant or the clerk: it says what is
/// wrong and what a valid value looks like. It never repeats the value
/// itself, because the value is personal data and messages end up in logs.
/// The code says which rule the value broke, and the arguments are the
/// rule's own figures (a length, a range, the allowed choices), so that the
/// message can be given in the screen's language.
package struct ValueProblem: Error, Sendable, Hashable, CustomStringConvertible {
    package let code: ProblemCode
    /// A full sentence describing the problem, without the offending value.
    package let message: String
    /// The figures the message names, by name (`min`, `max`, `allowed`, ...).
    package let arguments: [String: String]

    package init(_ code: ProblemCode, _ message: String, arguments: [String: String] = [:]) {
        self.code = code
        self.message = message
        self.arguments = arguments
    }

    package var description: String { message }
}
