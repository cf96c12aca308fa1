package import OneThingModel

/// The codes of a command's own refusals, by exit status: the command-line tools' sentences
/// (a missing file, an argument that does not fit) are theirs alone.
extension ProblemCode {
    package static let commandUsage = ProblemCode("cli.usage")
    package static let commandData = ProblemCode("cli.data")
    package static let commandIO = ProblemCode("cli.io")
    package static let commandConfiguration = ProblemCode("cli.config")

    /// `--data` input that is not UTF-8 text.
    package static let inputNotUTF8 = ProblemCode("cli.input_not_utf8")
    /// `--data` input that is not one JSON object.
    package static let inputNotObject = ProblemCode("cli.input_not_object")
    /// `--data` input that is not valid JSON.
    package static let inputNotJSON = ProblemCode("cli.input_not_json")
    /// A record value that must be text (an import's unmapped column).
    package static let inputNotText = ProblemCode("cli.input_not_text")

    /// Every code above, for tables and their tests.
    package static let cli: [ProblemCode] = [
        .commandUsage, .commandData, .commandIO, .commandConfiguration, .inputNotUTF8, .inputNotObject, .inputNotJSON,
        .inputNotText,
    ]
}
