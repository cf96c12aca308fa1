import Foundation
import Hummingbird
import OneThingWire

/// JSON responses in the wire's canonical coding, gzip-compressed when the client accepts
/// gzip and the body is large enough to gain from it.
enum JSONReply {
    static func make(
        _ value: some JSONWritable, status: HTTPResponse.Status = .ok, request: Request, gzipThreshold: Int
    ) -> Response {
        make(json: JSONCodec.encode(value), status: status, request: request, gzipThreshold: gzipThreshold)
    }

    /// A body already encoded as JSON.
    static func make(
        json data: some Collection<UInt8>, status: HTTPResponse.Status = .ok, request: Request, gzipThreshold: Int
    ) -> Response {
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8", .vary: "Accept-Encoding"]
        var body = ByteBuffer(bytes: data)
        if data.count > gzipThreshold, acceptsGzip(request) {
            if let compressed = try? Gzip.compress(body) {
                body = compressed
                headers[.contentEncoding] = "gzip"
            }
        }
        headers[.contentLength] = String(body.readableBytes)
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: body))
    }

    /// Whether `Accept-Encoding` lists gzip (or `*`) without `q=0`.
    static func acceptsGzip(_ request: Request) -> Bool {
        let values = request.headers[values: .acceptEncoding]
        for value in values {
            for part in value.split(separator: ",") {
                let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
                guard let name = pieces.first, name == "gzip" || name == "x-gzip" || name == "*" else { continue }
                let refused = pieces.dropFirst().contains { piece in
                    guard piece.hasPrefix("q=") else { return false }
                    return (Double(piece.dropFirst(2)) ?? 1) == 0
                }
                if !refused { return true }
            }
        }
        return false
    }
}
