import Foundation
@testable import OneThingCurl
import OneThingSync
import Testing

@Suite("CurlTransport exchanges", .timeLimit(.minutes(1)))
struct CurlTransportExchangeTests {
    let server: ScriptedServer
    let transport: CurlTransport

    init() throws {
        server = try ScriptedServer()
        transport = try makeTransport(server)
    }

    @Test func getRoundTripsHeadersBothWays() async throws {
        let response = try await transport.send(HTTPRequest(
            method: "GET", path: "/echo?after=0", headers: ["X-Node": "ward-1", "Accept": "application/json"]))
        #expect(response.status == 200)
        #expect(response.headers["content-type"] == "application/json")
        #expect(response.headers["x-reply"] == "one, two")
        let echo = try echo(response)
        #expect(echo.method == "GET")
        #expect(echo.path == "/echo?after=0")
        #expect(echo.headers["x-node"] == "ward-1")
        #expect(echo.headers["accept"] == "application/json")
        #expect(echo.headers["user-agent"] == "onething/0.1")
        #expect(echo.headers["accept-encoding"]?.contains("gzip") == true)
        #expect(echo.rawLength == 0)
    }

    @Test func postSendsTheExactBinaryBody() async throws {
        let body = binaryBody(count: 300_000)
        let response = try await transport.send(HTTPRequest(
            method: "POST", path: "/echo", headers: ["Content-Type": "application/json"], body: body))
        let echo = try echo(response)
        #expect(echo.method == "POST")
        #expect(echo.body == body)
        #expect(echo.headers["content-type"] == "application/json")
        #expect(echo.headers["content-length"] == "\(body.count)")
        #expect(echo.headers["expect"] == nil)
        #expect(echo.headers["content-encoding"] == nil)
    }

    @Test func postWithoutContentTypeIsNotLabelledAForm() async throws {
        let response = try await transport.send(HTTPRequest(method: "POST", path: "/echo", body: Data("x".utf8)))
        let echo = try echo(response)
        #expect(echo.headers["content-type"] == nil)
        #expect(echo.body == Data("x".utf8))
    }

    @Test func postWithoutBodySendsAnEmptyOne() async throws {
        let echo = try echo(try await transport.send(HTTPRequest(method: "POST", path: "/echo")))
        #expect(echo.method == "POST")
        #expect(echo.headers["content-length"] == "0")
    }

    @Test func patchAndDeleteUseTheirMethod() async throws {
        let patch = try echo(try await transport.send(HTTPRequest(method: "PATCH", path: "/echo", body: Data("{}".utf8))))
        #expect(patch.method == "PATCH")
        #expect(patch.body == Data("{}".utf8))
        let delete = try echo(try await transport.send(HTTPRequest(method: "DELETE", path: "/echo")))
        #expect(delete.method == "DELETE")
        #expect(delete.rawLength == 0)
        // A GET after a POST on the same handle is a plain GET again.
        let get = try echo(try await transport.send(HTTPRequest(method: "GET", path: "/echo")))
        #expect(get.method == "GET")
        #expect(get.rawLength == 0)
    }

    @Test func compressedBodyArrivesGzippedAndDecompressesToTheOriginal() async throws {
        let body = Data(String(repeating: "{\"name\":\"applicant\",\"ward\":1}", count: 5_000).utf8)
        let response = try await transport.send(HTTPRequest(
            method: "POST", path: "/echo",
            headers: ["Content-Type": "application/json", "Content-Encoding": "identity"],
            body: body, compressBody: true))
        let echo = try echo(response)
        #expect(echo.headers["content-encoding"] == "gzip")
        #expect(echo.gzipMagic)
        #expect(echo.rawLength < body.count / 10)
        #expect(echo.bodyLength == body.count)
        #expect(echo.body == body)
        #expect(echo.headers["content-length"] == "\(echo.rawLength)")
    }

    @Test func compressedBinaryBodyRoundTrips() async throws {
        let body = binaryBody(count: 100_000)
        let echo = try echo(try await transport.send(HTTPRequest(method: "PATCH", path: "/echo", body: body, compressBody: true)))
        #expect(echo.gzipMagic)
        #expect(echo.body == body)
    }

    @Test func gzipResponsesAreDecoded() async throws {
        let response = try await transport.send(HTTPRequest(method: "GET", path: "/gzip?n=200000"))
        #expect(response.status == 200)
        #expect(response.body.count == 200_000)
        let expected = Data(String(repeating: "0123456789", count: 20_000).utf8)
        #expect(response.body == expected)
    }

    @Test func chunkedResponsesAreAssembled() async throws {
        let response = try await transport.send(HTTPRequest(method: "GET", path: "/chunked?n=25500"))
        #expect(response.body == Data(repeating: UInt8(ascii: "c"), count: 25_500))
    }

    @Test(arguments: [503, 404, 409, 500])
    func errorStatusesAreResponsesNotErrors(status: Int) async throws {
        let response = try await transport.send(HTTPRequest(method: "GET", path: "/status?code=\(status)"))
        #expect(response.status == status)
        #expect(response.headers["retry-after"] == "5")
        #expect(response.body == Data("unavailable".utf8))
    }

    @Test func headRequestsReturnHeadersOnly() async throws {
        let response = try await transport.send(HTTPRequest(method: "HEAD", path: "/status?code=204"))
        #expect(response.status == 204)
        #expect(response.body.isEmpty)
    }
}
