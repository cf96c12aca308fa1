/// Every problem found in one application (a refused application has at least one).
package struct ApplicationProblems: Error, Sendable, Hashable {
    package var problems: [FieldProblem]

    package init(_ problems: [FieldProblem]) {
        self.problems = problems
    }
}
