import CZlib
import Foundation

/// Why zlib could not (de)compress: its return code and message. Never contains data.
struct GzipError: Error, Sendable, Hashable, CustomStringConvertible {
    let operation: String
    let code: Int32
    let message: String

    var description: String { "\(operation) failed (zlib \(code): \(message))" }

    init(_ operation: String, code: Int32, message: String? = nil, stream: z_stream? = nil) {
        self.operation = operation
        self.code = code
        if let message {
            self.message = message
        } else if let text = stream?.msg {
            self.message = String(cString: text)
        } else {
            self.message = GzipError.text(for: code)
        }
    }

    private static func text(for code: Int32) -> String {
        switch code {
        case Z_STREAM_ERROR: "invalid stream state or parameter"
        case Z_DATA_ERROR: "corrupt or non-gzip data"
        case Z_MEM_ERROR: "out of memory"
        case Z_BUF_ERROR: "truncated input"
        case Z_VERSION_ERROR: "incompatible zlib version"
        default: "unexpected result"
        }
    }
}

/// gzip (RFC 1952) over zlib, for request bodies (`compress`) and tests (`decompress`).
enum Gzip {
    private static let chunkSize = 64 * 1024

    /// The gzip encoding of `data` (zlib `deflateInit2` with windowBits 15+16).
    static func compress(_ data: Data, level: Int32 = Z_DEFAULT_COMPRESSION) throws(GzipError) -> Data {
        guard data.count <= Int(UInt32.max) else {
            throw GzipError("gzip", code: Z_BUF_ERROR, message: "input larger than 4 GiB")
        }
        var stream = z_stream()
        let initCode = ZLIB_VERSION.withCString { version in
            deflateInit2_(&stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, version, Int32(MemoryLayout<z_stream>.size))
        }
        guard initCode == Z_OK else { throw GzipError("gzip", code: initCode, stream: stream) }
        defer { deflateEnd(&stream) }

        var output = Data()
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        let code: Int32 = data.withUnsafeBytes { (input: UnsafeRawBufferPointer) -> Int32 in
            // zlib only reads `next_in` but declares it non-const.
            stream.next_in = UnsafeMutablePointer(mutating: input.bindMemory(to: Bytef.self).baseAddress)
            stream.avail_in = uInt(input.count)
            while true {
                // With a fresh output buffer every round, deflate always makes progress, so
                // anything but Z_OK (more output pending) or Z_STREAM_END is a failure.
                let result = chunk.withUnsafeMutableBufferPointer { buffer -> Int32 in
                    guard let base = buffer.baseAddress else { return Z_MEM_ERROR }
                    stream.next_out = base
                    stream.avail_out = uInt(buffer.count)
                    let result = deflate(&stream, Z_FINISH)
                    output.append(base, count: buffer.count - Int(stream.avail_out))
                    return result
                }
                switch result {
                case Z_STREAM_END: return Z_OK
                case Z_OK: continue
                default: return result
                }
            }
        }
        guard code == Z_OK else { throw GzipError("gzip", code: code, stream: stream) }
        return output
    }

    /// The data inside a gzip (or zlib) stream. Throws on corrupt or truncated input, or
    /// when the result would exceed `limit` bytes.
    static func decompress(_ data: Data, limit: Int = .max) throws(GzipError) -> Data {
        guard data.count <= Int(UInt32.max) else {
            throw GzipError("gunzip", code: Z_BUF_ERROR, message: "input larger than 4 GiB")
        }
        var stream = z_stream()
        // 15 + 32: accept a gzip or a zlib header.
        let initCode = ZLIB_VERSION.withCString { version in
            inflateInit2_(&stream, 15 + 32, version, Int32(MemoryLayout<z_stream>.size))
        }
        guard initCode == Z_OK else { throw GzipError("gunzip", code: initCode, stream: stream) }
        defer { inflateEnd(&stream) }

        var output = Data()
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        var overLimit = false
        let code: Int32 = data.withUnsafeBytes { (input: UnsafeRawBufferPointer) -> Int32 in
            stream.next_in = UnsafeMutablePointer(mutating: input.bindMemory(to: Bytef.self).baseAddress)
            stream.avail_in = uInt(input.count)
            while true {
                let result = chunk.withUnsafeMutableBufferPointer { buffer -> Int32 in
                    guard let base = buffer.baseAddress else { return Z_MEM_ERROR }
                    stream.next_out = base
                    stream.avail_out = uInt(buffer.count)
                    let result = inflate(&stream, Z_NO_FLUSH)
                    output.append(base, count: buffer.count - Int(stream.avail_out))
                    return result
                }
                if output.count > limit {
                    overLimit = true
                    return Z_BUF_ERROR
                }
                switch result {
                case Z_STREAM_END: return Z_OK
                case Z_OK: continue
                // With a fresh output buffer, "no progress possible" means the input ended early.
                case Z_BUF_ERROR: return Z_BUF_ERROR
                case Z_NEED_DICT: return Z_DATA_ERROR
                default: return result
                }
            }
        }
        if overLimit {
            throw GzipError("gunzip", code: Z_BUF_ERROR, message: "output larger than \(limit) bytes")
        }
        guard code == Z_OK else { throw GzipError("gunzip", code: code, stream: stream) }
        return output
    }
}
