/// Every problem found in one application (a refused application has at least one).
public struct ApplicationProblems: Error, Sendable, Hashable {
    public var problems: [FieldProblem]

    public init(_ problems: [FieldProblem]) {
        self.problems = problems
    }
}
