import Foundation

/// nginx (Debian's package) as a load balancer in front of hub processes on loopback, for
/// end-to-end tests: round robin over `upstreams`; a request that fails to connect or reach
/// a process goes to the next one (`proxy_next_upstream ... non_idempotent`: pushes may be
/// sent again, which the protocol's idempotency keys make safe). One process, no daemon, all
/// its files in the test's directory. Stopped on `stop()` or when the value goes away.
package final class NginxBalancer: @unchecked Sendable {
    package static let binary = "/usr/sbin/nginx"
    package static var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: binary) }

    package let url: String
    private let process: Process

    package init(upstreams: [Int], directory: TemporaryDirectory) throws {
        let root = directory.file("nginx-\(UUID().uuidString.prefix(6))")
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        let port = ClosedPort.find()
        let servers = upstreams.map { "    server 127.0.0.1:\($0) max_fails=1 fail_timeout=1s;" }.joined(separator: "\n")
        let configuration = """
            daemon off;
            master_process off;
            worker_processes 1;
            pid \(root)/nginx.pid;
            error_log \(root)/error.log warn;
            events { worker_connections 512; }
            http {
              access_log off;
              client_body_temp_path \(root)/body;
              proxy_temp_path \(root)/proxy;
              fastcgi_temp_path \(root)/fastcgi;
              uwsgi_temp_path \(root)/uwsgi;
              scgi_temp_path \(root)/scgi;
              upstream hubs {
            \(servers)
              }
              server {
                listen 127.0.0.1:\(port);
                client_max_body_size 32m;
                location / {
                  proxy_pass http://hubs;
                  proxy_http_version 1.1;
                  proxy_set_header Connection "";
                  proxy_next_upstream error timeout http_502 non_idempotent;
                  proxy_connect_timeout 2s;
                  proxy_read_timeout 60s;
                }
              }
            }

            """
        let file = root + "/nginx.conf"
        try Data(configuration.utf8).write(to: URL(fileURLWithPath: file))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = ["-p", root, "-e", root + "/error.log", "-c", file]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        self.process = process
        url = "http://127.0.0.1:\(port)"
        let deadline = Date().addingTimeInterval(30)
        while !Self.accepts(port: port) {
            guard process.isRunning, Date() < deadline else {
                process.terminate()
                let log = (try? String(contentsOfFile: root + "/error.log", encoding: .utf8)) ?? ""
                throw BalancerError.didNotStart(log)
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
    }

    private static func accepts(port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }

    /// SIGKILL: nginx started from the test process inherits its blocked signal mask (the
    /// dispatch runtime blocks the usual ones), so it never sees SIGTERM; it holds nothing to
    /// flush.
    package func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    deinit { stop() }

    package enum BalancerError: Error {
        case didNotStart(String)
    }
}
