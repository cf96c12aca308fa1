import Foundation

/// The UTF-8 byte order mark (EF BB BF) that Windows tools (Notepad, Excel's "CSV UTF-8",
/// PowerShell's Out-File) write at the start of a text file. It is not part of the text:
/// `--data` and `--ndjson` input and token files are read without it.
enum ByteOrderMark {
    static let utf8: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// `data` without a leading UTF-8 byte order mark (only the first one, only at the start).
    static func stripped(_ data: Data) -> Data {
        data.starts(with: utf8) ? data.dropFirst(utf8.count) : data
    }
}
