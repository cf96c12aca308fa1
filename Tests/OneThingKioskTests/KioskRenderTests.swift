import Foundation
@testable import OneThingKiosk
import OneThingModel
import OneThingStore
import OneThingTerminal
import Testing
import TestSupport

/// Every screen drawn into an in-memory 80x24 buffer: nothing overflows a row, wide
/// characters stay whole, and what the clerk must see is there.
@Suite("Kiosk screens at 80x24", .serialized)
struct KioskRenderTests {
    /// Every row is exactly the width of the screen in display columns.
    func expectRowsFit(_ buffer: Buffer, _ context: String) {
        for (y, line) in buffer.lines.enumerated() {
            #expect(DisplayWidth.of(line) == buffer.width, "row \(y) of \(context) is \(DisplayWidth.of(line)) columns: \(line)")
        }
    }

    @Test("each screen fits 80x24, in Chinese and in English")
    func everyScreenFits() throws {
        let kiosk = try KioskFixture()
        var seen: [Screen: String] = [:]
        func capture() {
            for language in Language.allCases {
                if kiosk.app.language != language { kiosk.press(.function(2)) }
                let frame = kiosk.frame()
                expectRowsFit(frame, "\(kiosk.app.screen) in \(language)")
                if language == .zh { seen[kiosk.app.screen] = frame.lines.joined(separator: "\n") }
            }
            kiosk.press(.function(2))  // back to where it was (two languages)
            if kiosk.app.language != .zh { kiosk.press(.function(2)) }
        }
        capture()
        #expect(seen[.signIn]?.contains("PIN") == true)
        kiosk.signIn()
        capture()
        kiosk.press(.enter)
        capture()
        kiosk.press(.enter)
        capture()
        // A very long Chinese name: clipped within its column, never across the layout.
        kiosk.type(String(repeating: "欧阳测试", count: 12))
        capture()
        kiosk.press(.control("u"))
        kiosk.fillWithExamples()
        kiosk.press(.function(10))
        capture()
        kiosk.press(.enter)
        capture()
        kiosk.press(.enter)
        capture()
        #expect(Set(seen.keys) == [.signIn, .menu, .items, .form, .review, .receipt, .rating])
        #expect(seen[.items]?.contains("[x]") == true)
        #expect(seen[.receipt]?.contains("承诺") == true)
    }

    @Test("the status line shows the queue and whether the node is offline")
    func statusLine() throws {
        let kiosk = try KioskFixture()
        var last = kiosk.frame().lines.last ?? ""
        #expect(last.contains("待同步 0"))
        #expect(last.contains("在线"))
        try kiosk.store.recordSyncRun(succeeded: false, error: "hub unreachable", at: TestMoment.at("2026-11-26T10:00+08:00"))
        kiosk.app.tick(idleSeconds: 0, elapsed: 10)
        last = kiosk.frame().lines.last ?? ""
        #expect(last.contains("离线"))
    }

    @Test("a terminal smaller than 80x24 gets a message, not a broken layout")
    func tooSmall() throws {
        let kiosk = try KioskFixture()
        let frame = kiosk.frame(width: 60, height: 20)
        #expect(frame.lines[0].contains("80x24"))
    }

    @Test("typed control characters never reach the screen")
    func noEscapes() throws {
        let kiosk = try KioskFixture()
        kiosk.press(.paste("clerk\u{1B}[2J-1"))
        let text = kiosk.screenText()
        #expect(!text.contains("\u{1B}"))
        #expect(kiosk.app.signIn.operatorId.text == "clerk[2J-1")
    }

    @Test("one keystroke on the form rewrites only a few cells")
    func bytesPerKeystroke() throws {
        let kiosk = try KioskFixture()
        kiosk.signIn()
        kiosk.press(.enter, .enter)
        let terminal = MemoryTerminal(width: 80, height: 24)
        let renderer = Renderer(backend: terminal)
        KioskLoop.draw(kiosk.app, renderer: renderer, size: (80, 24))
        kiosk.type("陈")
        let bytes = KioskLoop.draw(kiosk.app, renderer: renderer, size: (80, 24))
        #expect(bytes > 0)
        #expect(bytes < 200, "one character typed wrote \(bytes) bytes")
        #expect(terminal.screen == kiosk.frame(), "the terminal shows exactly the frame")
    }
}
