import OneThingModel
import OneThingStore
import OneThingTerminal

/// Conflicts at the screen: a field changed differently here and on the hub shows its
/// base, this node's and the hub's value; the clerk keeps one (as `onething conflicts
/// resolve`), which becomes the application's next revision.
extension KioskApp {
    func openConflicts() {
        guard let detail else { return }
        do {
            conflictList = try env.store.conflicts(applicationId: detail.summary.id)
        } catch {
            report(error)
            return
        }
        guard !conflictList.isEmpty else {
            say(zh: "此申请没有待处理的冲突。", en: "This application has no conflict to decide.")
            return
        }
        conflictCursor = 0
        screen = .conflicts
    }

    func handleConflicts(_ key: Key) {
        switch key {
        case .up: conflictCursor = max(0, conflictCursor - 1)
        case .down: conflictCursor = min(conflictList.count - 1, conflictCursor + 1)
        case .escape: screen = .detail
        case .character("l"), .character("L"): decide(keepLocal: true)
        case .character("h"), .character("H"): decide(keepLocal: false)
        default: break
        }
    }

    private func decide(keepLocal: Bool) {
        guard conflictCursor < conflictList.count, let detail, let operatorId = signedIn?.id else { return }
        let conflict = conflictList[conflictCursor]
        let value = (keepLocal ? conflict.local : conflict.hub).map(FieldInput.text)
        do {
            switch try env.store.revise(
                detail.summary.id, changes: [conflict.field: value],
                resolves: [conflict.field: keepLocal ? .keepLocal : .keepHub], catalog: env.catalog, region: env.region,
                operatorId: operatorId, at: env.clock.now())
            {
            case .failure(let refused):
                notice = refused.problems.first.map { ($0.field.map { $0 + ": " } ?? "") + $0.message }
            case .success(let result):
                say(
                    zh: "已决定，第\(result.revision)版将在下次同步时提交。",
                    en: "Decided: revision \(result.revision) goes with the next sync.")
                self.detail = try env.store.application(id: detail.summary.id)
                conflictList = try env.store.conflicts(applicationId: detail.summary.id)
                conflictCursor = 0
                if conflictList.isEmpty { screen = .detail }
            }
        } catch {
            report(error)
        }
    }

    func drawConflicts(_ buffer: inout Buffer, _ body: Rect) {
        guard let detail, let bundle = env.catalog.bundle(detail.summary.bundle) else { return }
        buffer.put(text(zh: "本机与省级平台对同一项作了不同修改；决定前以省级为准。", en: "Changed differently here and on the hub; the hub's value holds until you decide."), x: 2, y: body.y, style: Look.group)
        var y = body.y + 2
        for (index, conflict) in conflictList.enumerated() where y + 3 < body.y + body.height {
            let label = bundle.field(conflict.field).map { language.pick($0.label) } ?? conflict.field
            buffer.put(label, x: 2, y: y, style: index == conflictCursor ? Look.focus : Look.label, maxWidth: 30)
            buffer.put(text(zh: "原值  ", en: "base  ") + (conflict.base ?? "-"), x: 6, y: y + 1, style: Look.dim, maxWidth: buffer.width - 8)
            buffer.put(text(zh: "本机  ", en: "here  ") + (conflict.local ?? "-"), x: 6, y: y + 2, maxWidth: buffer.width - 8)
            buffer.put(text(zh: "省级  ", en: "hub   ") + (conflict.hub ?? "-"), x: 6, y: y + 3, maxWidth: buffer.width - 8)
            y += 5
        }
    }
}
