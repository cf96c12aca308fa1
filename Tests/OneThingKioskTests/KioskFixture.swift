import Foundation
@testable import OneThingKiosk
import OneThingModel
import OneThingStore
import OneThingTerminal
import TestSupport

/// A kiosk on a real node database in a temporary folder, with one operator, the embedded
/// catalogue, and a wall clock the test states and moves (`MovableClock`, starting at
/// `TestMoment.filing` unless the test names another moment).
final class KioskFixture {
    let dir = TemporaryDirectory("onething-kiosk")
    let store: NodeStore
    let catalog: Catalog
    let app: KioskApp
    let time: MovableClock
    static let operatorId = "clerk-1"
    static let pin = "246810"

    init(
        idleTimeout: Double = 300, store existing: NodeStore? = nil, at moment: Timestamp = TestMoment.filing,
        catalog given: Catalog? = nil
    ) throws {
        time = MovableClock(moment)
        store = try existing ?? NodeStore.open(path: dir.file("node.sqlite"))
        if existing == nil {
            try store.saveOperator(id: Self.operatorId, name: "林测试", pin: Self.pin, replace: false, at: moment.adding(minutes: -60))
        }
        catalog = try given ?? CatalogLoader.embedded(today: moment.date)
        guard let region = catalog.region(catalog.defaultRegion) else { throw FixtureError.noRegion }
        let receipts = dir.file("receipts")
        app = KioskApp(environment: KioskEnvironment(
            store: store, catalog: catalog, region: region, clock: time.clock,
            idleTimeoutSeconds: idleTimeout, receiptTarget: .directory(receipts)))
    }

    enum FixtureError: Error { case noRegion }

    func press(_ keys: Key...) {
        for key in keys { app.handle(key) }
    }

    func type(_ text: String) {
        for c in text { app.handle(.character(c)) }
    }

    func signIn() {
        type(Self.operatorId)
        press(.enter)
        type(Self.pin)
        press(.enter)
    }

    /// Renders the current screen into an 80x24 (or given) buffer.
    func frame(width: Int = 80, height: Int = 24) -> Buffer {
        var buffer = Buffer(width: width, height: height)
        _ = app.render(into: &buffer)
        return buffer
    }

    func screenText(width: Int = 80, height: Int = 24) -> String {
        frame(width: width, height: height).lines.joined(separator: "\n")
    }

    /// Fills every asked field with the catalogue's example (typing text, stepping through
    /// choices), moving on with Tab, until the last field.
    func fillWithExamples(overrides: [String: String] = [:]) {
        guard let form = app.form, let bundle = catalog.bundle(form.bundle) else { return }
        let examples = Dictionary(
            uniqueKeysWithValues: CatalogExamples.application(bundle: bundle, items: form.items, today: time.now.date)
                .map { ($0.field, $0.value) })
        var visited = Set<String>()
        while let id = app.form?.focus, !visited.contains(id) {
            visited.insert(id)
            guard let field = bundle.field(id), let value = overrides[id] ?? examples[id] else {
                press(.tab)
                continue
            }
            if app.isChoice(field) {
                for _ in 0..<((field.options?.count ?? 2) + 1) where app.form?.editor.text != value { press(.right) }
            } else {
                press(.control("u"))
                type(value)
            }
            press(.tab)
        }
    }
}
