import Foundation
import OneThingCLI
import OneThingModel
import OneThingWire

/// Reads the bytes of `--data` / `--ndjson` (a file, or `-` for stdin) and decodes JSON
/// objects from them, with messages that never quote the input.
enum InputReading {
    /// The bytes, without a UTF-8 byte order mark at the start (Windows tools write one).
    static func bytes(of path: String) throws(CLIFailure) -> Data {
        if path == "-" {
            return ByteOrderMark.stripped(FileHandle.standardInput.readDataToEndOfFile())
        }
        guard FileManager.default.fileExists(atPath: path) else {
            throw CLIFailure.io("The input file \(path) does not exist.")
        }
        do {
            return ByteOrderMark.stripped(try Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw CLIFailure.io("The input file \(path) cannot be read; check its permissions.")
        }
    }

    /// One `{field_id: value}` object.
    static func fieldObject(_ data: Data) -> Result<[String: FieldInput], FieldProblem> {
        guard InputText.validUTF8(data) != nil else {
            return .failure(FieldProblem(.inputNotUTF8, field: nil, message: "The input is not valid UTF-8 text; export it as UTF-8."))
        }
        let trimmed = data.drop { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
        guard trimmed.first == UInt8(ascii: "{") else {
            return .failure(FieldProblem(.inputNotObject, field: nil, message: "The input must be one JSON object of field ids and values, such as {\"newborn_name\": \"...\"}; `onething catalog example BUNDLE` prints a template."))
        }
        do {
            return .success(try JSONCodec.decode(FieldInputs.self, from: data).values)
        } catch {
            return .failure(FieldProblem(.inputNotJSON, field: nil, message: "The input is not valid JSON (\(error.description); check quotes, commas and braces); `onething catalog example BUNDLE` prints a template."))
        }
    }
}
