import Foundation
#if canImport(Glibc)
import Glibc
#endif
import TestSupport
import Testing

/// The real `onething kiosk` under a real terminal (tmux): keys sent with send-keys, the
/// screen read with capture-pane, the database checked afterwards.
@Suite("The kiosk under tmux", .serialized)
struct KioskTmuxTests {
    static var tmuxAvailable: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux") }

    enum TmuxError: Error { case cannotStart }

    final class Session {
        let name = "onething-\(UUID().uuidString.prefix(8))"
        let loop: Loop

        init(loop: Loop, width: Int = 100, height: Int = 30) throws {
            self.loop = loop
            let command = "LANG=C.UTF-8 \(loop.node.path) kiosk --db \(loop.nodeDB) --idle-timeout 600"
            // The first command starts this test's own tmux server, which keeps any pipe it
            // inherits open: its output goes nowhere, so nothing waits for the server to end.
            try tmux(["new-session", "-d", "-s", name, "-x", String(width), "-y", String(height), command], capture: false)
        }

        /// A tmux server of this session alone (its own socket), so the test neither sees nor
        /// disturbs anyone else's tmux, and killing it leaves nothing behind.
        @discardableResult
        func tmux(_ arguments: [String], capture: Bool = true) throws -> String {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/tmux")
            process.arguments = ["-L", name] + arguments
            process.standardError = FileHandle.nullDevice
            process.standardInput = FileHandle.nullDevice
            guard capture else {
                // posix_spawn and waitpid, not Foundation's Process: when this command starts
                // the tmux server, Foundation's wait for the client was seen never to return
                // (the daemonised server is a descendant); waitpid on the client's pid does.
                let argv = ["/usr/bin/tmux", "-L", name] + arguments
                var pid = pid_t()
                var actions = posix_spawn_file_actions_t()
                posix_spawn_file_actions_init(&actions)
                defer { posix_spawn_file_actions_destroy(&actions) }
                for fd: Int32 in [0, 1, 2] {
                    posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", fd == 0 ? O_RDONLY : O_WRONLY, 0)
                }
                var cArgs = argv.map { strdup($0) } + [nil]
                defer { for arg in cArgs { free(arg) } }
                guard posix_spawn(&pid, argv[0], &actions, nil, &cArgs, environ) == 0 else {
                    throw TmuxError.cannotStart
                }
                var status: Int32 = 0
                while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
                return ""
            }
            let out = Pipe()
            process.standardOutput = out
            try process.run()
            let data = out.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return String(decoding: data, as: UTF8.self)
        }

        func keys(_ keys: String...) throws {
            try tmux(["send-keys", "-t", name] + keys, capture: false)
        }

        /// Text typed literally (Chinese included), as an input method delivers it.
        func type(_ text: String) throws {
            try tmux(["send-keys", "-t", name, "-l", text], capture: false)
        }

        func screen() throws -> String {
            try tmux(["capture-pane", "-p", "-t", name])
        }

        /// Waits until the screen contains `text` (the kiosk redraws within a frame).
        @discardableResult
        func waitFor(_ text: String, timeout: Double = 15) throws -> String {
            let deadline = Date().addingTimeInterval(timeout)
            var last = ""
            while Date() < deadline {
                last = try screen()
                if last.contains(text) { return last }
                Thread.sleep(forTimeInterval: 0.1)
            }
            Issue.record("the screen never showed \(text):\n\(last)")
            return last
        }

        /// Kills the kiosk with SIGKILL (as a power cut would: nothing gets to run), then the
        /// tmux server.
        func kill() {
            let pane = (try? tmux(["display-message", "-p", "-t", name, "#{pane_pid}"]))?
                .trimmingCharacters(in: .whitespacesAndNewlines)
            if let pane, let pid = Int32(pane), pid > 1 {
                Glibc.kill(pid, SIGKILL)
            }
            _ = try? tmux(["kill-server"], capture: false)
        }

        deinit { kill() }
    }

    func addOperator(_ loop: Loop) throws {
        let added = try loop.node(["operators", "add", "clerk-1", "--name", "林测试"], stdin: "246810\n")
        #expect(added.code == 0, "operators add: \(added.stderr)")
    }

    func signIn(_ session: Session) throws {
        try session.waitFor("PIN")
        try session.type("clerk-1")
        try session.keys("Enter")
        try session.type("246810")
        try session.keys("Enter")
    }

    /// Fills the form field by field from the catalogue's example: text typed, choices
    /// stepped with the right arrow until the example's label shows.
    func fill(_ session: Session, loop: Loop, bundle: String) throws {
        let example = try loop.node(["catalog", "example", bundle]).json() as? [String: Any] ?? [:]
        let shown = try loop.node(["catalog", "show", bundle, "--json"]).json() as? [String: Any] ?? [:]
        let fields = (shown["fields"] as? [[String: Any]]) ?? []
        var kinds: [String: String] = [:]
        for field in fields { kinds[field["id"] as? String ?? ""] = field["type"] as? String }
        // The form asks the fields in catalogue order; walk them with Tab.
        for field in fields {
            guard let id = field["id"] as? String, let value = example[id] else { continue }
            let text = "\(value)"
            if kinds[id] == "choice" || kinds[id] == "boolean" {
                let options = (field["options"] as? [[String: Any]])?.compactMap { $0["value"] as? String } ?? ["true", "false"]
                let steps = (options.firstIndex(of: text == "1" ? "true" : text) ?? 0) + 1
                for _ in 0..<steps { try session.keys("Right") }
            } else {
                try session.type(text)
            }
            try session.keys("Tab")
        }
    }

    @Test(
        "sign in, file a birth bundle and a school enrolment; the database has both with the operator",
        .enabled(if: tmuxAvailable, "tmux is not installed (scripts/install-deps.sh installs it)"))
    func fileTwoBundles() throws {
        let loop = Loop()
        try addOperator(loop)
        let session = try Session(loop: loop)
        try signIn(session)
        try session.waitFor("出生一件事")
        try session.keys("1")
        try session.waitFor("[x]")
        try session.keys("Enter")
        try session.waitFor("新生儿")
        try fill(session, loop: loop, bundle: "birth")
        try session.keys("F10")
        try session.waitFor("确认")
        try session.keys("Enter")
        let receipt = try session.waitFor("受理回执")
        #expect(receipt.contains("OT-"))
        try session.keys("Enter")
        try session.waitFor("评价")
        try session.keys("5")
        try session.waitFor("出生一件事")
        try session.keys("2")
        try session.waitFor("[x]")
        try session.keys("Enter")
        try fill(session, loop: loop, bundle: "school-enrolment")
        try session.keys("F10")
        try session.waitFor("确认")
        try session.keys("Enter")
        try session.waitFor("受理回执")
        session.kill()
        let list = try loop.node(["list", "--json"]).json() as? [String: Any]
        let apps = (list?["applications"] as? [[String: Any]]) ?? []
        #expect(Set(apps.compactMap { $0["bundle"] as? String }) == ["birth", "school-enrolment"])
        for app in apps {
            let shown = try loop.nodeShow(app["id"] as? String ?? "")
            #expect(shown["operator"] as? String == "clerk-1")
        }
        // The citizen's rating of the birth bundle reaches the hub with the next sync.
        let hub = try loop.startHub()
        _ = try loop.setUpNode(url: hub.url)
        let synced = try loop.node(["sync"])
        #expect(synced.code == 0, "sync: \(synced.stderr)")
        #expect(synced.stdout.contains("1 rating sent"))
        let birth = try #require(apps.first { $0["bundle"] as? String == "birth" }?["id"] as? String)
        let number = try #require(try loop.nodeShow(birth)["province_no"] as? String)
        #expect(try loop.hubShow(number)["rating"] as? Int == 5)
        #expect(try loop.node(["sync"]).stdout.isEmpty, "sent once")
    }

    @Test(
        "a draft survives the process being killed and is offered at the next sign-in",
        .enabled(if: tmuxAvailable, "tmux is not installed"))
    func draftAfterKill() throws {
        let loop = Loop()
        try addOperator(loop)
        let first = try Session(loop: loop)
        try signIn(first)
        try first.waitFor("出生一件事")
        try first.keys("1")
        try first.waitFor("[x]")
        try first.keys("Enter")
        try first.waitFor("新生儿")
        try first.type("陈小测")
        try first.keys("Tab")
        Thread.sleep(forTimeInterval: 0.5)
        first.kill()   // SIGKILL to the kiosk: a power cut for what was not saved
        #expect(try loop.sql("SELECT COUNT(*) FROM drafts") == "1")
        let second = try Session(loop: loop)
        try signIn(second)
        try second.waitFor("未完成")
        try second.keys("Enter")
        let form = try second.waitFor("陈小测")
        #expect(form.contains("陈小测"))
        second.kill()
    }
}
