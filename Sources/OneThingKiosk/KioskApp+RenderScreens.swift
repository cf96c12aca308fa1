import OneThingModel
import OneThingStore
import OneThingTerminal

extension KioskApp {
    func drawSignIn(_ buffer: inout Buffer, _ body: Rect) -> (x: Int, y: Int)? {
        let x = max(2, (body.width - 50) / 2)
        var y = body.y + 3
        buffer.put(text(zh: "请登录（个人工号与PIN）", en: "Sign in with your operator id and PIN"), x: x, y: y, style: Look.group)
        y += 2
        let labelWidth = 14
        buffer.put(text(zh: "工号", en: "Operator"), x: x, y: y)
        let id = signIn.operatorId.visible(width: 30)
        buffer.fill(Rect(x: x + labelWidth, y: y, width: 30, height: 1), style: Look.input)
        buffer.put(id.text, x: x + labelWidth, y: y, style: Look.input, maxWidth: 30)
        buffer.put("PIN", x: x, y: y + 2)
        let pin = signIn.pin.visible(width: 30, masked: true)
        buffer.fill(Rect(x: x + labelWidth, y: y + 2, width: 30, height: 1), style: Look.input)
        buffer.put(pin.text, x: x + labelWidth, y: y + 2, style: Look.input, maxWidth: 30)
        return signIn.onPIN ? (x + labelWidth + pin.cursorColumn, y + 2) : (x + labelWidth + id.cursorColumn, y)
    }

    func drawDraftOffer(_ buffer: inout Buffer, _ body: Rect) {
        guard let draft = pendingDraft else { return }
        let bundle = env.catalog.bundle(draft.bundle).map { language.pick($0.names) } ?? draft.bundle
        buffer.put(text(zh: "上次有未完成的申请：", en: "An application was left unfinished:"), x: 2, y: body.y + 2, style: Look.group)
        buffer.put(
            "\(bundle) · " + text(zh: "已填 \(draft.fields.count) 项", en: "\(draft.fields.count) fields filled") + " · " + draft.updatedAt.description,
            x: 4, y: body.y + 4)
        buffer.put(text(zh: "按 Enter 继续填写，按 N 放弃。", en: "Enter continues it; N discards it."), x: 4, y: body.y + 6)
    }

    func drawMenu(_ buffer: inout Buffer, _ body: Rect) {
        for (index, entry) in menuEntries.enumerated() {
            let label: String
            switch entry {
            case .bundle(let code):
                let bundle = env.catalog.bundle(code)
                let count = bundleMenu(code).count
                label = (bundle.map { language.pick($0.names) } ?? code) + text(zh: "（\(count) 个事项）", en: " (\(count) items)")
            case .lookup: label = text(zh: "查询办理进度 / 更正", en: "Look up an application / correct it")
            case .signOut: label = text(zh: "退出登录", en: "Sign out")
            }
            let style = index == menuCursor ? Look.focus : Style.plain
            buffer.put(" \(index + 1)  \(label) ", x: 4, y: body.y + 1 + index * 2, style: style)
        }
    }

    func drawItems(_ buffer: inout Buffer, _ body: Rect) {
        guard let state = items else { return }
        let menu = bundleMenu(state.bundle)
        buffer.put(text(zh: "办理的事项（本地区提供）：", en: "Items (as this region offers them):"), x: 2, y: body.y, style: Look.group)
        for (index, item) in menu.enumerated() {
            let y = body.y + 2 + index * 2
            guard y < body.y + body.height else { break }
            let box = state.selected.contains(item.code) ? "[x]" : "[ ]"
            let style = index == state.cursor ? Look.focus : Style.plain
            buffer.put("\(box) " + language.pick(item.names), x: 2, y: y, style: style, maxWidth: 44)
            let department = env.catalog.department(item.department).map { language.pick($0.names) } ?? item.department
            buffer.put(department, x: 48, y: y, style: Look.dim, maxWidth: 20)
            buffer.put(text(zh: "\(item.promisedDays)个工作日", en: "\(item.promisedDays) work days"), x: 69, y: y, maxWidth: buffer.width - 69)
            if !item.dependsOn.isEmpty {
                let names = item.dependsOn.compactMap { code in menu.first { $0.code == code }.map { language.pick($0.names) } }
                buffer.put("    " + text(zh: "需先办理：", en: "after: ") + names.joined(separator: ", "), x: 2, y: y + 1, style: Look.dim, maxWidth: 70)
            }
        }
    }

    func drawReview(_ buffer: inout Buffer, _ body: Rect) {
        guard let application = validated, let bundle = env.catalog.bundle(application.bundle) else { return }
        var lines: [(String, String)] = application.items.compactMap { code in
            bundle.item(code).map { (text(zh: "事项", en: "Item"), language.pick($0.names)) }
        }
        for field in bundle.fields {
            guard let value = application.fields[field.id] else { continue }
            lines.append((language.pick(field.label), displayValue(value, of: field)))
        }
        reviewScroll = min(reviewScroll, max(0, lines.count - body.height))
        for (row, line) in lines.dropFirst(reviewScroll).prefix(body.height).enumerated() {
            buffer.put(line.0, x: 2, y: body.y + row, style: Look.dim, maxWidth: 26)
            buffer.put(line.1, x: 30, y: body.y + row, maxWidth: buffer.width - 31)
        }
    }

    func drawReceipt(_ buffer: inout Buffer, _ body: Rect) {
        for (row, line) in receiptLines().prefix(body.height).enumerated() {
            buffer.put(line, x: 2, y: body.y + row, style: row == 0 ? Look.group : .plain)
        }
    }

    func drawRating(_ buffer: inout Buffer, _ body: Rect) {
        buffer.put(text(zh: "请申请人为本次服务评价：", en: "Please rate this service:"), x: 4, y: body.y + 2, style: Look.group)
        buffer.put(
            text(zh: "1 非常不满意   2 不满意   3 基本满意   4 满意   5 非常满意", en: "1 very poor   2 poor   3 fair   4 good   5 very good"),
            x: 4, y: body.y + 4)
    }

    func drawLookup(_ buffer: inout Buffer, _ body: Rect) -> (x: Int, y: Int)? {
        buffer.put(text(zh: "申请编号 / 受理编号 / 姓名 / 身份证号：", en: "Application id / province no / name / ID number:"), x: 2, y: body.y)
        let query = lookup.query.visible(width: 40)
        buffer.fill(Rect(x: 2, y: body.y + 1, width: 40, height: 1), style: Look.input)
        buffer.put(query.text, x: 2, y: body.y + 1, style: Look.input, maxWidth: 40)
        for (index, app) in lookup.results.prefix(body.height - 3).enumerated() {
            let style = index == lookup.cursor ? Look.focus : Style.plain
            let bundle = env.catalog.bundle(app.bundle).map { language.pick($0.names) } ?? app.bundle
            let line = "\(app.id)  \(app.provinceNo ?? "-")  \(bundle)  \(app.state.rawValue)  \(app.filedAt.civil)"
            buffer.put(line, x: 2, y: body.y + 3 + index, style: style, maxWidth: buffer.width - 4)
        }
        return (2 + query.cursorColumn, body.y + 1)
    }

    func drawDetail(_ buffer: inout Buffer, _ body: Rect) {
        guard let detail, let bundle = env.catalog.bundle(detail.summary.bundle) else { return }
        var y = body.y
        buffer.put("\(detail.summary.id)  \(detail.summary.provinceNo ?? text(zh: "未受理编号", en: "no province number yet"))  " + language.pick(bundle.names), x: 2, y: y, style: Look.group)
        y += 1
        buffer.put(text(zh: "状态：", en: "State: ") + detail.summary.state.rawValue + "  " + text(zh: "版本 ", en: "revision ") + String(detail.summary.revision), x: 2, y: y)
        if detail.openConflicts > 0 {
            buffer.put(text(zh: "  有\(detail.openConflicts)处冲突待处理（onething conflicts）", en: "  \(detail.openConflicts) conflicts wait (onething conflicts)"), x: 40, y: y, style: Look.problem)
        }
        y += 2
        for item in detail.summary.items where y < body.y + body.height {
            let name = bundle.item(item.item).map { language.pick($0.names) } ?? item.item
            buffer.put(name, x: 2, y: y, maxWidth: 34)
            let style = item.state == .returned || item.state == .rejected ? Look.problem : Style.plain
            buffer.put(itemStateText(item.state), x: 38, y: y, style: style, maxWidth: 12)
            let documents = (item.documents ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            let note = ([item.reason].compactMap { $0 } + documents).joined(separator: "; ")
            buffer.put(note, x: 51, y: y, style: Look.dim, maxWidth: buffer.width - 52)
            y += 1
        }
    }

    func itemStateText(_ state: ItemState) -> String {
        switch state {
        case .pending: text(zh: "待提交", en: "to send")
        case .waiting: text(zh: "等待前置", en: "waiting")
        case .inProgress: text(zh: "办理中", en: "in progress")
        case .approved: text(zh: "已通过", en: "approved")
        case .rejected: text(zh: "不予办理", en: "rejected")
        case .returned: text(zh: "退回补正", en: "returned")
        case .issued: text(zh: "已出证", en: "issued")
        }
    }

    /// A stored value as the clerk reads it: a choice's label rather than its code.
    func displayValue(_ value: String, of field: FieldDefinition) -> String {
        if field.type == .boolean { return value == "true" ? text(zh: "是", en: "yes") : text(zh: "否", en: "no") }
        if let option = field.options?.first(where: { $0.value == value }) { return language.pick(option.label) }
        return value
    }
}
