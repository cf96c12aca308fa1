import Foundation
import OneThingCurl
import OneThingSync
import Testing

@Suite("CurlTransport failures", .timeLimit(.minutes(1)))
struct CurlTransportFailureTests {
    let server: ScriptedServer

    init() throws {
        server = try ScriptedServer()
    }

    var authority: String { "127.0.0.1:\(server.port)" }

    @Test(arguments: [
        "/bytes?n=5000",   // refused from Content-Length (CURLOPT_MAXFILESIZE_LARGE)
        "/chunked?n=5000", // no Content-Length: stopped by the write callback
        "/gzbytes?n=5000", // small on the wire, too large once decoded
    ])
    func responsesOverTheLimitAreAbandoned(path: String) async throws {
        let transport = try makeTransport(server, maxResponseBytes: 1000)
        let error = await sendError(transport, HTTPRequest(method: "GET", path: path))
        #expect(error == .responseTooLarge(host: authority, limitBytes: 1000))
        // The handle is still usable afterwards.
        let response = try await transport.send(HTTPRequest(method: "GET", path: "/bytes?n=1000"))
        #expect(response.body.count == 1000)
    }

    @Test func stalledServerTimesOutWithinTheTotalTimeout() async throws {
        let transport = try makeTransport(server, totalTimeout: 1)
        let start = ContinuousClock.now
        // The server would answer after 40 s; the transfer must end on its own 1 s budget.
        // The error itself tells "stopped by the timeout" from "waited for the answer" (which
        // would have succeeded); no upper bound on the elapsed time, which a loaded machine
        // could exceed.
        let error = await sendError(transport, HTTPRequest(method: "GET", path: "/sleep?s=40"))
        let elapsed = seconds(since: start)
        #expect(error == .timedOut(host: authority, seconds: 1))
        #expect(elapsed >= 0.9)
        #expect(error?.isTemporary == true)
    }

    @Test func refusedPortIsUnreachableAndNamesTheHost() async throws {
        let port = try ScriptedServer.freePort()
        let transport = try CurlTransport(configuration: CurlConfiguration(
            baseURL: "http://127.0.0.1:\(port)", connectTimeoutSeconds: 1, totalTimeoutSeconds: 2))
        let error = await sendError(transport, HTTPRequest(method: "GET", path: "/v1/health"))
        guard let failure = error, failure.code == .unreachable, let host = failure.host, let detail = failure.detail else {
            Issue.record("expected unreachable, got \(String(describing: error))")
            return
        }
        #expect(host == "127.0.0.1:\(port)")
        #expect(detail.contains("Couldn't connect") || detail.contains("connect"))
        #expect(error?.description.contains("127.0.0.1") == true)
    }

    @Test func connectionClosedWithoutAnswerIsUnreachable() async throws {
        let transport = try makeTransport(server)
        let error = await sendError(transport, HTTPRequest(method: "POST", path: "/close", body: Data("secret applicant data".utf8)))
        guard let failure = error, failure.code == .unreachable, let host = failure.host, let detail = failure.detail else {
            Issue.record("expected unreachable, got \(String(describing: error))")
            return
        }
        #expect(host == authority)
        #expect(!detail.contains("secret"))
    }

    @Test func httpsAgainstAPlainServerFailsClearly() async throws {
        let transport = try CurlTransport(configuration: CurlConfiguration(
            baseURL: "https://127.0.0.1:\(server.port)", connectTimeoutSeconds: 1, totalTimeoutSeconds: 2))
        let error = await sendError(transport, HTTPRequest(method: "GET", path: "/echo"))
        if let failure = error, [.tls, .unreachable].contains(failure.code) {
            #expect(failure.host == authority)
            #expect(failure.detail?.isEmpty == false)
        } else {
            Issue.record("expected tls or unreachable, got \(String(describing: error))")
        }
        #expect(error?.description.contains("127.0.0.1") == true)
    }

    @Test func cancellingTheTaskAbandonsTheTransfer() async throws {
        // Neither the 30 s budget nor the 40 s answer ends this transfer: the error itself
        // says so ("cancelled", not a timeout and not an answer). No bound on elapsed time,
        // which a loaded machine could exceed.
        let transport = try makeTransport(server, totalTimeout: 30)
        let task = Task { await sendError(transport, HTTPRequest(method: "GET", path: "/sleep?s=40")) }
        try await Task.sleep(for: .milliseconds(200))
        task.cancel()
        let error = await task.value
        guard let failure = error, failure.code == .failed, let host = failure.host, let detail = failure.detail else {
            Issue.record("expected failed, got \(String(describing: error))")
            return
        }
        #expect(host == authority)
        #expect(detail.contains("cancelled"))
    }

    @Test(arguments: ["v1/no-slash", "/with space", "/line\r\nX-Injected: 1"])
    func malformedPathsAreRefusedBeforeSending(path: String) async throws {
        let transport = try makeTransport(server)
        let error = await sendError(transport, HTTPRequest(method: "GET", path: path))
        guard let failure = error, failure.code == .failed, let host = failure.host else {
            Issue.record("expected failed, got \(String(describing: error))")
            return
        }
        #expect(host == authority)
        #expect(try await stats(transport).connections == 1) // only the /stats request itself
    }

    @Test func headerInjectionIsRefused() async throws {
        let transport = try makeTransport(server)
        let error = await sendError(transport, HTTPRequest(
            method: "GET", path: "/echo", headers: ["X-Node": "ward-1\r\nX-Admin: yes"]))
        guard let failure = error, failure.code == .failed, let detail = failure.detail else {
            Issue.record("expected failed, got \(String(describing: error))")
            return
        }
        #expect(detail.contains("X-Node"))
        #expect(!detail.contains("ward-1"))
    }

    @Test func invalidMethodIsRefused() async throws {
        let transport = try makeTransport(server)
        let error = await sendError(transport, HTTPRequest(method: "GET /x", path: "/echo"))
        guard error?.code == .failed else {
            Issue.record("expected failed, got \(String(describing: error))")
            return
        }
    }
}
