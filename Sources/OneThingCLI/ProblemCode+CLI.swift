public import OneThingModel

/// The codes of a command's own refusals, by exit status: the command-line tools' sentences
/// (a missing file, an argument that does not fit) are theirs alone.
extension ProblemCode {
    public static let commandUsage = ProblemCode("cli.usage")
    public static let commandData = ProblemCode("cli.data")
    public static let commandIO = ProblemCode("cli.io")
    public static let commandConfiguration = ProblemCode("cli.config")

    /// `--data` input that is not UTF-8 text.
    public static let inputNotUTF8 = ProblemCode("cli.input_not_utf8")
    /// `--data` input that is not one JSON object.
    public static let inputNotObject = ProblemCode("cli.input_not_object")
    /// `--data` input that is not valid JSON.
    public static let inputNotJSON = ProblemCode("cli.input_not_json")
    /// A record value that must be text (an import's unmapped column).
    public static let inputNotText = ProblemCode("cli.input_not_text")

    /// Every code above, for tables and their tests.
    public static let cli: [ProblemCode] = [
        .commandUsage, .commandData, .commandIO, .commandConfiguration, .inputNotUTF8, .inputNotObject, .inputNotJSON,
        .inputNotText,
    ]
}
