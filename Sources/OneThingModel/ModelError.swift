/// Everything the model refuses, with messages an operator can act on. No message holds an
/// applicant's value: problems name the field and the rule, never what was typed.
public enum ModelError: Error, Sendable, Hashable {
    /// A catalogue has problems; each names its file and place.
    case invalidCatalog([CatalogProblem])
    /// A catalogue file or directory cannot be read.
    case catalogUnreadable(path: String, reason: String)
    /// An application was refused; one problem per field (or form-level rule).
    case invalidApplication([FieldProblem])

    /// One line per problem.
    public var lines: [String] {
        switch self {
        case .invalidCatalog(let problems): problems.map(\.description)
        case .catalogUnreadable(let path, let reason):
            ["The catalogue at \(path) cannot be used: \(reason). Check the path, or leave out --catalog to use the built-in catalogue."]
        case .invalidApplication(let problems): problems.map(\.description)
        }
    }
}

/// One reason an application was refused.
public struct FieldProblem: Error, Sendable, Hashable, Codable, CustomStringConvertible {
    /// The field id, or nil for a problem with the application as a whole (items, bundle).
    public var field: String?
    public var message: String

    public init(field: String?, message: String) {
        self.field = field
        self.message = message
    }

    public var description: String {
        field.map { "\($0): \(message)" } ?? message
    }
}

/// Every problem found in one application (a refused application has at least one).
public struct ApplicationProblems: Error, Sendable, Hashable {
    public var problems: [FieldProblem]

    public init(_ problems: [FieldProblem]) {
        self.problems = problems
    }
}
