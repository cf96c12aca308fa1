import Foundation
import Hummingbird
import Logging
import OneThingWire

/// Turns every failure into the protocol's error body (`{"error", "message"}`) with its
/// status. Database failures are logged in full for the operator and answered with a
/// general sentence; no body or log line carries an applicant's data.
struct HubErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        do {
            return try await next(request, context)
        } catch let error as HubError {
            if error.isDatabaseFailure {
                logger.error("request failed", metadata: ["path": "\(request.uri.path)", "error": "\(error.description)"])
            }
            return Self.response(for: error)
        } catch let error as HTTPError {
            if error.status == .notFound, let allowed = HubRouteTable.allowedMethods(path: request.uri.path),
                !allowed.contains(request.method)
            {
                return Self.methodNotAllowed(request.method, allowed: allowed)
            }
            let (code, message) = Self.describe(error.status)
            return Self.response(ErrorBody(error: code, message: message), status: error.status)
        } catch {
            logger.error("request failed unexpectedly", metadata: ["path": "\(request.uri.path)", "error.type": "\(type(of: error))"])
            return Self.response(
                ErrorBody(error: "internal", message: "The hub failed to answer this request; try again, and report it if it persists."),
                status: .internalServerError)
        }
    }

    static func response(for error: HubError) -> Response {
        let status = status(of: error)
        let message: String
        switch error {
        case _ where error.database?.isTemporary == true:
            message = "The hub's database is busy or unreachable; nothing was changed. Try again in a moment."
        case _ where error.isDatabaseFailure:
            message = "The hub's database failed; nothing of this request was stored. Try again later."
        default:
            message = error.description
        }
        return response(ErrorBody(error: code(of: status), message: message), status: status)
    }

    static func status(of error: HubError) -> HTTPResponse.Status {
        switch error.code {
        case .unauthorized, .adminDisabled: .unauthorized
        case .badRequest, .badGzip, .invalidFields, .invalidDecision, .missingReason, .missingDocument, .invalidNodeId: .badRequest
        case .tooLarge: .contentTooLarge
        case .noSuchApplication, .noSuchItem, .noSuchNode: .notFound
        case .notDecidable, .nodeExists: .conflict
        case _ where error.database?.isTemporary == true: .serviceUnavailable
        default: .internalServerError
        }
    }

    static func code(of status: HTTPResponse.Status) -> String {
        switch status {
        case .badRequest: "bad_request"
        case .unauthorized: "unauthorized"
        case .notFound: "not_found"
        case .methodNotAllowed: "method_not_allowed"
        case .conflict: "conflict"
        case .contentTooLarge: "too_large"
        case .serviceUnavailable: "unavailable"
        default: "internal"
        }
    }

    static func describe(_ status: HTTPResponse.Status) -> (String, String) {
        switch status {
        case .notFound: ("not_found", "There is no such endpoint; the protocol is described in sync/openapi.yaml.")
        case .methodNotAllowed: ("method_not_allowed", "This endpoint does not take that method; see sync/openapi.yaml.")
        case .contentTooLarge: ("too_large", "The request body is larger than the hub accepts; send smaller batches.")
        case .badRequest: ("bad_request", "The request is malformed; see sync/openapi.yaml.")
        default: (code(of: status), "The request could not be answered (HTTP \(status.code)).")
        }
    }

    /// A known path asked with a method it does not take: 405, naming the methods in `Allow`.
    static func methodNotAllowed(_ method: HTTPRequest.Method, allowed: [HTTPRequest.Method]) -> Response {
        let names = allowed.map(\.rawValue).joined(separator: ", ")
        var response = response(
            ErrorBody(
                error: "method_not_allowed",
                message: "This endpoint does not take \(method.rawValue); it takes \(names). See sync/openapi.yaml."),
            status: .methodNotAllowed)
        response.headers[.allow] = names
        return response
    }

    static func response(_ body: ErrorBody, status: HTTPResponse.Status) -> Response {
        let data = JSONCodec.encode(body)
        return Response(
            status: status,
            headers: [.contentType: "application/json; charset=utf-8", .contentLength: String(data.count)],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}
