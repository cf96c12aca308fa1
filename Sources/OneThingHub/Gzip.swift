import CompressNIO
import Foundation
import Hummingbird

/// gzip for request and response bodies (CompressNIO over zlib).
enum Gzip {
    enum Failure: Error {
        case tooLarge
        case corrupt
    }

    static func compress(_ buffer: ByteBuffer) throws(Failure) -> ByteBuffer {
        var input = buffer
        do {
            return try input.compress(with: .gzip())
        } catch {
            throw .corrupt
        }
    }

    /// Refuses output larger than `limit` bytes (a small body that inflates enormously).
    static func decompress(_ buffer: ByteBuffer, limit: Int) throws(Failure) -> ByteBuffer {
        var input = buffer
        do {
            return try input.decompress(with: .gzip(), maxSize: limit)
        } catch let error as CompressNIOError where error == .bufferOverflow {
            throw .tooLarge
        } catch {
            throw .corrupt
        }
    }

    static func compress(_ data: Data) throws(Failure) -> Data {
        Data(try compress(ByteBuffer(bytes: data)).readableBytesView)
    }

    static func decompress(_ data: Data, limit: Int = .max) throws(Failure) -> Data {
        Data(try decompress(ByteBuffer(bytes: data), limit: limit).readableBytesView)
    }
}
