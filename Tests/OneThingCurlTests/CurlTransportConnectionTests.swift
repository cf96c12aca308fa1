import Foundation
import OneThingCurl
import OneThingSync
import Testing

@Suite("CurlTransport connection reuse and serialisation", .timeLimit(.minutes(1)))
struct CurlTransportConnectionTests {
    let server: ScriptedServer

    init() throws {
        server = try ScriptedServer()
    }

    @Test func sequentialRequestsReuseOneConnection() async throws {
        let transport = try makeTransport(server)
        var ports: Set<Int> = []
        for index in 0..<6 {
            let request = index.isMultiple(of: 2)
                ? HTTPRequest(method: "GET", path: "/echo")
                : HTTPRequest(method: "POST", path: "/echo", body: Data("entry \(index)".utf8), compressBody: true)
            ports.insert(try echo(try await transport.send(request)).clientPort)
        }
        #expect(ports.count == 1)
        let stats = try await stats(transport)
        #expect(stats.connections == 1)
        #expect(Set(stats.ports) == ports)
    }

    @Test func a503KeepsTheConnection() async throws {
        let transport = try makeTransport(server)
        _ = try await transport.send(HTTPRequest(method: "GET", path: "/status?code=503"))
        _ = try await transport.send(HTTPRequest(method: "GET", path: "/status?code=503"))
        #expect(try await stats(transport).connections == 1)
    }

    @Test func concurrentSendsAreSerialisedOnOneHandle() async throws {
        let transport = try makeTransport(server)
        let results = try await withThrowingTaskGroup(of: (Int, Echo).self) { group in
            for index in 0..<8 {
                group.addTask {
                    let body = Data("body of request \(index)".utf8)
                    let response = try await transport.send(HTTPRequest(
                        method: "POST", path: "/echo?delay=0.05&index=\(index)",
                        headers: ["X-Index": "\(index)"], body: body, compressBody: index.isMultiple(of: 2)))
                    return (index, try echo(response))
                }
            }
            var results: [Int: Echo] = [:]
            for try await (index, echo) in group { results[index] = echo }
            return results
        }
        #expect(results.count == 8)
        for (index, echo) in results {
            #expect(echo.headers["x-index"] == "\(index)")
            #expect(echo.path == "/echo?delay=0.05&index=\(index)")
            #expect(echo.body == Data("body of request \(index)".utf8))
        }
        let stats = try await stats(transport)
        #expect(stats.maxInFlight == 1)
        #expect(stats.connections == 1)
    }

    @Test func transportsAreIndependent() async throws {
        let first = try makeTransport(server)
        let second = try makeTransport(server)
        let a = try echo(try await first.send(HTTPRequest(method: "GET", path: "/echo")))
        let b = try echo(try await second.send(HTTPRequest(method: "GET", path: "/echo")))
        #expect(a.clientPort != b.clientPort)
    }
}
