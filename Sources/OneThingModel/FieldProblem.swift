/// One reason an application was refused: a code, the field it is about (nil for the
/// application as a whole: items, bundle) and the English sentence, with the named
/// arguments a message in another language needs (field ids, item codes, limits; never a
/// value the applicant gave). JSON (`--json`) carries the code, the field and the message.
package struct FieldProblem: Error, Sendable, Hashable, Codable, CustomStringConvertible {
    package var code: ProblemCode
    /// The field id, or nil for a problem with the application as a whole (items, bundle).
    package var field: String?
    package var message: String
    package var arguments: [String: String] = [:]

    package init(_ code: ProblemCode, field: String?, message: String, arguments: [String: String] = [:]) {
        self.code = code
        self.field = field
        self.message = message
        self.arguments = arguments
    }

    /// A value's problem, on the field that holds the value.
    package init(field: String?, problem: ValueProblem) {
        self.init(problem.code, field: field, message: problem.message, arguments: problem.arguments)
    }

    /// A sentence without a code of its own (`ProblemCode.unclassified`): a command-line
    /// tool's remark on its input. Problems of the model, the stores and the hub have codes.
    package init(field: String?, message: String) {
        self.init(.unclassified, field: field, message: message)
    }

    package var description: String {
        field.map { "\($0): \(message)" } ?? message
    }

    enum CodingKeys: String, CodingKey {
        case code, field, message
    }
}
