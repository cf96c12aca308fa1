import Foundation
import TestSupport
import Testing

/// Text from any party is clean: refused where it enters (decisions' reasons and documents,
/// over the CLI and the admin API; operator names) and neutralised where it is shown (the
/// hub's and the node's commands), so that no stored value can drive a terminal.
@Suite("Clean text from every party")
struct CleanTextTests {
    static let hostile = [
        "请补充\u{1B}]0;owned\u{07}材料",  // an OSC title sequence ended by BEL
        "请补充\u{1B}[2J材料",  // ESC: clear the screen
        "请补充\u{202E}料材",  // right-to-left override
        "请补充\u{2066}材料",  // a bidi isolate
    ]

    func acceptedApplication(_ loop: Loop, _ hub: HubProcess) throws -> (id: String, number: String) {
        _ = try loop.setUpNode(url: hub.url)
        let id = try #require(try loop.file(count: 1).first)
        #expect(try loop.node(["sync"]).code == 0)
        return (id, try #require(try loop.nodeShow(id)["province_no"] as? String))
    }

    func isClean(_ text: String) -> Bool {
        !text.unicodeScalars.contains { [0x1B, 0x07, 0x9B, 0x202E, 0x2066].contains($0.value) }
    }

    @Test("a reason or document with an escape, BEL or a bidi override is refused by decide and by the admin API; nothing changes")
    func refusedWhereItEnters() throws {
        let loop = Loop()
        let hub = try loop.startHub()
        defer { hub.stop() }
        let (_, number) = try acceptedApplication(loop, hub)
        let before = try loop.hubShow(number).items()
        for reason in Self.hostile {
            let run = try loop.hub(["decide", number, "vaccination-certificate", "return", "--reason", reason])
            #expect(run.code == 65, "decide --reason: \(run.code) \(run.stderr)")
            #expect(isClean(run.stderr))
        }
        let document = try loop.hub([
            "decide", number, "household-registration", "approve", "--document", "resident_id_number=3501022026\u{202E}01019019",
        ])
        #expect(document.code == 65)
        // The admin API refuses the same (400), with the admin token.
        for reason in Self.hostile {
            let body = try JSONSerialization.data(withJSONObject: ["decision": "return", "reason": reason])
            let status = try curlPost(
                hub.url + "/v1/admin/applications/\(number)/items/vaccination-certificate/decision", body: body, token: hub.adminToken
            ).status
            #expect(status == 400, "admin API: \(status)")
        }
        #expect(try loop.hubShow(number).items() == before, "no decision recorded")
        // A plain reason is taken.
        #expect(try loop.hub(["decide", number, "vaccination-certificate", "return", "--reason", "请补充接种记录"]).code == 0)
    }

    @Test("values stored before the checks (or by a party that does not check) are shown neutralised by the hub's and the node's commands")
    func neutralisedWhereShown() throws {
        let loop = Loop()
        let hub = try loop.startHub()
        defer { hub.stop() }
        let (id, number) = try acceptedApplication(loop, hub)
        let hostile = Self.hostile.joined()
        // Written straight into both databases, as an older version or another tool might have.
        let fields = try loop.sql("SELECT fields FROM applications WHERE province_no = '\(number)'", db: loop.hubDB)
        var map = try #require(try JSONSerialization.jsonObject(with: Data(fields.utf8)) as? [String: String])
        map["delivery_address"] = hostile
        let json = String(decoding: try JSONSerialization.data(withJSONObject: map), as: UTF8.self).replacingOccurrences(of: "'", with: "''")
        _ = try loop.sql("UPDATE applications SET fields = '\(json)' WHERE province_no = '\(number)'", db: loop.hubDB)
        _ = try loop.sql("UPDATE items SET reason = '\(hostile)' WHERE province_no = '\(number)'", db: loop.hubDB)
        _ = try loop.sql("UPDATE application_items SET reason = '\(hostile)' WHERE application_id = '\(id)'")
        let hubShow = try loop.hub(["show", number])
        #expect(hubShow.code == 0)
        #expect(isClean(hubShow.stdout), "onething-hub show writes no escape, BEL or bidi override")
        #expect(hubShow.stdout.contains("\u{FFFD}"))
        let hubList = try loop.hub(["list"])
        #expect(isClean(hubList.stdout))
        let nodeShow = try loop.node(["show", id])
        #expect(nodeShow.code == 0)
        #expect(isClean(nodeShow.stdout), "onething show writes no escape, BEL or bidi override")
    }

    @Test("an operator's name with a bidi override is refused")
    func operatorName() throws {
        let loop = Loop()
        let run = try loop.node(["operators", "add", "clerk-9", "--name", "林\u{202E}测试"], stdin: "246810\n")
        #expect(run.code == 64, "\(run.code) \(run.stderr)")
        #expect(isClean(run.stderr))
    }
}
