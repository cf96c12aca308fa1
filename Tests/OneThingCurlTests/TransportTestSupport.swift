import Foundation
import OneThingCurl
import OneThingSync

/// A transport to `server` with short, test-sized limits.
func makeTransport(
    _ server: ScriptedServer,
    totalTimeout: Double = 2,
    maxResponseBytes: Int = 64 * 1024 * 1024
) throws -> CurlTransport {
    try CurlTransport(configuration: CurlConfiguration(
        baseURL: server.baseURL,
        connectTimeoutSeconds: 1,
        totalTimeoutSeconds: totalTimeout,
        maxResponseBytes: maxResponseBytes
    ))
}

/// The error `send` throws, or `nil` when it returned a response.
func sendError(_ transport: CurlTransport, _ request: HTTPRequest) async -> TransportError? {
    do {
        _ = try await transport.send(request)
        return nil
    } catch {
        return error
    }
}

func echo(_ response: HTTPResponse) throws -> Echo {
    try JSONDecoder().decode(Echo.self, from: response.body)
}

func stats(_ transport: CurlTransport) async throws -> ServerStats {
    let response = try await transport.send(HTTPRequest(method: "GET", path: "/stats"))
    return try JSONDecoder().decode(ServerStats.self, from: response.body)
}

/// Bytes that are not text and contain zeros, so nothing treats the body as a C string.
func binaryBody(count: Int) -> Data {
    var generator = SystemRandomNumberGenerator()
    var data = Data(count: count)
    for index in 0..<count {
        data[index] = index % 7 == 0 ? 0 : UInt8.random(in: 0...255, using: &generator)
    }
    return data
}

/// Seconds since `start`.
func seconds(since start: ContinuousClock.Instant) -> Double {
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
}
