import OneThingModel
import OneThingStore
import OneThingTerminal

/// Prefill from the hospital's delivery records (`onething import deliveries`): F4 on a form
/// whose bundle declares a `delivery` prefill (the birth form) lists the latest deliveries;
/// choosing one fills the fields the catalogue maps (the newborn's and mother's), and the
/// fields it names in `mustMatch` (the mother typed later) are checked against it.
extension KioskApp {
    /// How the current form is filled from a delivery record, if its bundle declares it.
    var deliveryPrefill: PrefillMapping? {
        form.flatMap { env.catalog.bundle($0.bundle) }?.prefill(from: .delivery)
    }

    func openDeliveries() {
        guard deliveryPrefill != nil else {
            say(zh: "此一件事不从分娩记录填写。", en: "This bundle's form is not filled from delivery records.")
            return
        }
        do {
            deliveryList = try env.store.deliveries()
        } catch {
            report(error)
            return
        }
        guard !deliveryList.isEmpty else {
            say(zh: "没有分娩记录；请先执行 onething import deliveries。", en: "No delivery records; run `onething import deliveries` first.")
            return
        }
        deliveryCursor = 0
        screen = .deliveries
    }

    func handleDeliveries(_ key: Key) {
        switch key {
        case .up: deliveryCursor = max(0, deliveryCursor - 1)
        case .down: deliveryCursor = min(deliveryList.count - 1, deliveryCursor + 1)
        case .escape: screen = .form
        case .enter:
            guard deliveryCursor < deliveryList.count, var state = form, let prefill = deliveryPrefill else { return }
            let delivery = deliveryList[deliveryCursor]
            let values = prefill.formValues(delivery.record)
            state.values.merge(values) { _, new in new }
            for id in values.keys { state.problems[id] = nil }
            state.deliveryId = delivery.id
            form = state
            screen = .form
            focus(state.focus)
            saveDraft()
            say(zh: "已按分娩记录填写母亲与新生儿信息。", en: "Filled from the delivery record.")
        default:
            break
        }
    }

    /// Problems where the form's mother differs from the delivery record it was filled from.
    func deliveryMismatch(_ fields: [String: String]) -> [String: String]? {
        guard let id = form?.deliveryId, let prefill = deliveryPrefill, let delivery = try? env.store.delivery(id: id)
        else { return nil }
        let filled = prefill.formValues(delivery.record)
        var problems: [String: String] = [:]
        for key in prefill.mustMatch where fields[key] != filled[key] {
            problems[key] = text(zh: "与所选分娩记录不一致。", en: "Differs from the delivery record chosen (F4).")
        }
        return problems.isEmpty ? nil : problems
    }

    func drawDeliveries(_ buffer: inout Buffer, _ body: Rect) {
        buffer.put(text(zh: "选择分娩记录（最近的在前）：", en: "Choose the delivery (latest first):"), x: 2, y: body.y, style: Look.group)
        for (index, d) in deliveryList.prefix(body.height - 2).enumerated() {
            let sex = d.newbornSex == "male" ? text(zh: "男", en: "boy") : text(zh: "女", en: "girl")
            let line = "\(d.birthTime.replacingOccurrences(of: "T", with: " "))  \(d.motherName)  \(sex)  \(d.birthWeightG) g  \(d.gestationalWeeks)w"
            buffer.put(line, x: 2, y: body.y + 2 + index, style: index == deliveryCursor ? Look.focus : .plain, maxWidth: buffer.width - 4)
        }
    }
}
