package import OneThingModel

extension CLIFailure {
    /// A refused application is a data error (65), one problem per field; a catalogue that
    /// cannot be read or used is a configuration error (78).
    package init(_ error: ModelError) {
        switch error.code {
        case .invalidApplication: self = .data(error.fieldProblems)
        default: self.init(exitCode: .config, code: ProblemCode(error.code.rawValue), lines: error.lines)
        }
    }
}
