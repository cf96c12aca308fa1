/// Everything the model refuses, with messages an operator can act on. No message holds an
/// applicant's value: problems name the field and the rule, never what was typed.
package struct ModelError: CodedError, Hashable {
    package struct Code: ErrorCode {
        package let rawValue: String

        init(_ rawValue: String) { self.rawValue = rawValue }

        /// A catalogue has problems (`catalogProblems`); each names its file and place.
        package static let invalidCatalog = Code("model.invalid_catalog")
        /// A catalogue file or directory cannot be read (`path`, `reason`).
        package static let catalogUnreadable = Code("model.catalog_unreadable")
        /// An application was refused (`fieldProblems`): one problem per field or form rule.
        package static let invalidApplication = Code("model.invalid_application")

        /// Every code above, for tables and their tests.
        package static let all: [Code] = [.invalidCatalog, .catalogUnreadable, .invalidApplication]
    }

    package var code: Code
    /// What is wrong with the catalogue (`invalidCatalog`).
    package var catalogProblems: [CatalogProblem]
    /// What is wrong with the application (`invalidApplication`).
    package var fieldProblems: [FieldProblem]
    /// The catalogue file or directory (`catalogUnreadable`).
    package var path: String?
    /// Why it cannot be read, in words (`catalogUnreadable`).
    package var reason: String?

    package init(
        _ code: Code, catalogProblems: [CatalogProblem] = [], fieldProblems: [FieldProblem] = [], path: String? = nil,
        reason: String? = nil
    ) {
        self.code = code
        self.catalogProblems = catalogProblems
        self.fieldProblems = fieldProblems
        self.path = path
        self.reason = reason
    }

    package static func invalidCatalog(_ problems: [CatalogProblem]) -> ModelError {
        ModelError(.invalidCatalog, catalogProblems: problems)
    }

    package static func catalogUnreadable(path: String, reason: String) -> ModelError {
        ModelError(.catalogUnreadable, path: path, reason: reason)
    }

    package static func invalidApplication(_ problems: [FieldProblem]) -> ModelError {
        ModelError(.invalidApplication, fieldProblems: problems)
    }

    /// One line per problem.
    package var lines: [String] {
        switch code {
        case .invalidCatalog: catalogProblems.map(\.description)
        case .catalogUnreadable:
            ["The catalogue at \(path ?? "?") cannot be used: \(reason ?? "it cannot be read"). Check the path, or leave out --catalog to use the built-in catalogue."]
        default: fieldProblems.map(\.description)
        }
    }

    package var message: String { lines.joined(separator: "\n") }
}
