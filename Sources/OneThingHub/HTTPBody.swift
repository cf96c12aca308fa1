import Foundation
import Hummingbird
import OneThingWire

/// Request bodies: read up to the hub's limit, gunzipped when sent with
/// `Content-Encoding: gzip`, decoded as JSON with a sentence that names the place of a
/// problem but never a value.
enum HTTPBody {
    static func read(_ request: Request, limit: Int) async throws(HubError) -> Data {
        var buffer = ByteBuffer()
        do {
            for try await var chunk in request.body {
                guard buffer.readableBytes + chunk.readableBytes <= limit else { throw HubError.tooLarge(limitBytes: limit) }
                buffer.writeBuffer(&chunk)
            }
        } catch let error as HubError {
            throw error
        } catch {
            throw .badRequest("The request body could not be read completely; send it again.")
        }
        switch contentEncoding(request) {
        case nil:
            break
        case "gzip", "x-gzip":
            buffer = try gunzip(buffer, limit: limit)
        case let other?:
            throw .badRequest("The content encoding \"\(other)\" is not supported; send the body plain or gzip-compressed.")
        }
        return Data(buffer.readableBytesView)
    }

    /// The body read strictly as `T`; the message names where it is wrong (never a value).
    static func decode<T: JSONReadable>(_ type: T.Type, from data: Data, what: String) throws(HubError) -> T {
        do {
            return try JSONCodec.decode(type, from: data)
        } catch {
            throw .badRequest("The request body is not a valid \(what): \(error.description); nothing was applied.")
        }
    }

    private static func contentEncoding(_ request: Request) -> String? {
        guard let value = request.headers[.contentEncoding] else { return nil }
        let token = value.trimmingCharacters(in: .whitespaces).lowercased()
        return token.isEmpty || token == "identity" ? nil : token
    }

    private static func gunzip(_ compressed: ByteBuffer, limit: Int) throws(HubError) -> ByteBuffer {
        do {
            return try Gzip.decompress(compressed, limit: limit)
        } catch .tooLarge {
            throw .tooLarge(limitBytes: limit)
        } catch {
            throw .badGzip
        }
    }
}
