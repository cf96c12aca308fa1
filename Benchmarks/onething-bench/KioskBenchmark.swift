import Foundation
import OneThingKiosk
import OneThingModel
import OneThingStore
import OneThingTerminal

/// The kiosk's cost per keystroke on the birth form: from a key event to the frame written
/// (update, render into a fresh 80x24 buffer, diff, bytes to the terminal) and how many
/// bytes one keystroke writes. The terminal is the in-memory one (it applies the bytes as a
/// terminal would); the store is a real SQLite file, so leaving a field (Tab) includes the
/// durable draft save.
struct KioskBenchmark {
    let count: Int

    func run() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("onething-kiosk-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try NodeStore.open(path: dir.appendingPathComponent("node.sqlite").path)
        try store.saveOperator(id: "bench", name: "示例", pin: "246810", replace: false, at: WallClock.system.now())
        let catalog = try CatalogLoader.embedded(today: WallClock.system.today())
        guard let region = catalog.region(catalog.defaultRegion) else { return }
        let app = KioskApp(environment: KioskEnvironment(
            store: store, catalog: catalog, region: region, clock: .system,
            receiptTarget: .directory(dir.path)))
        for c in "bench" { app.handle(.character(c)) }
        app.handle(.enter)
        for c in "246810" { app.handle(.character(c)) }
        app.handle(.enter)
        app.handle(.enter)  // birth
        app.handle(.enter)  // every item -> the form
        let terminal = MemoryTerminal(width: 80, height: 24)
        let renderer = Renderer(backend: terminal)
        KioskLoop.draw(app, renderer: renderer, size: (80, 24))

        let text = Array("陈小测林测试示例")
        var typing: [Double] = []
        var typingBytes: [Int] = []
        var leaving: [Double] = []
        var leavingBytes: [Int] = []
        let clock = ContinuousClock()
        for i in 0..<count {
            // Type a character, or every 8th key leave the field (check + draft save) and come back.
            let leave = i % 8 == 7
            let start = clock.now
            if leave {
                app.handle(.tab)
            } else {
                app.handle(.character(text[i % text.count]))
            }
            let bytes = KioskLoop.draw(app, renderer: renderer, size: (80, 24))
            let elapsed = clock.now - start
            let micros = Double(elapsed.components.attoseconds) / 1e12 + Double(elapsed.components.seconds) * 1e6
            if leave {
                leaving.append(micros)
                leavingBytes.append(bytes)
                app.handle(.backTab)
                app.handle(.control("u"))
                KioskLoop.draw(app, renderer: renderer, size: (80, 24))
            } else {
                typing.append(micros)
                typingBytes.append(bytes)
                if i % 8 == 6 { app.handle(.control("u")); KioskLoop.draw(app, renderer: renderer, size: (80, 24)) }
            }
        }
        func pct(_ values: [Double], _ p: Double) -> Double {
            let sorted = values.sorted()
            return sorted[min(sorted.count - 1, Int(Double(sorted.count - 1) * p))]
        }
        func mean(_ values: [Int]) -> Double { Double(values.reduce(0, +)) / Double(max(1, values.count)) }
        print("kiosk, birth form at 80x24, \(count) key events")
        print(String(format: "typing a character: key -> frame written  median %.0f us, p99 %.0f us; bytes per keystroke mean %.1f (max %d)",
            pct(typing, 0.5), pct(typing, 0.99), mean(typingBytes), typingBytes.max() ?? 0))
        print(String(format: "leaving a field (check + durable draft save): median %.0f us, p99 %.0f us; bytes mean %.1f",
            pct(leaving, 0.5), pct(leaving, 0.99), mean(leavingBytes)))
        print(String(format: "a full 80x24 frame for comparison: %d bytes", FrameDiff.bytes(from: nil, to: terminal.screen).count))
    }
}
