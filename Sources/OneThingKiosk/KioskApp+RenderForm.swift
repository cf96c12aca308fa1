import OneThingModel
import OneThingStore
import OneThingTerminal

extension KioskApp {
    /// Column layout of the form: label, input, then the short problem beside it.
    enum FormColumns {
        static let label = 2
        static let labelWidth = 20
        static let input = 23
        static let inputWidth = 30
        static let note = 55
    }

    /// One row of the form: a group heading (newborn, mother, father...) or a field.
    enum FormRow {
        case group(String)
        case field(FieldDefinition)
    }

    func formRows() -> [FormRow] {
        guard let bundle = currentBundle else { return [] }
        var rows: [FormRow] = []
        var group: String?
        for field in visibleFields() {
            if field.group != group {
                group = field.group
                let label = bundle.groups.first { $0.id == field.group }.map { language.pick($0.label) } ?? field.group
                rows.append(.group(label))
            }
            rows.append(.field(field))
        }
        return rows
    }

    func drawForm(_ buffer: inout Buffer, _ body: Rect) -> (x: Int, y: Int)? {
        guard let state = form, let bundle = currentBundle else { return nil }
        let rows = formRows()
        let shape = FormShape(bundle: bundle, items: state.items, values: shapeValues())
        let focusRow = rows.firstIndex { if case .field(let f) = $0 { f.id == state.focus } else { false } } ?? 0
        // Keep the focused field in view, with its group heading when it fits.
        var scroll = state.scroll
        if focusRow < scroll + 1 { scroll = max(0, focusRow - 1) }
        if focusRow >= scroll + body.height { scroll = focusRow - body.height + 1 }
        form?.scroll = scroll
        var cursor: (x: Int, y: Int)?
        for (offset, row) in rows.dropFirst(scroll).prefix(body.height).enumerated() {
            let y = body.y + offset
            switch row {
            case .group(let label):
                buffer.put("── " + label + " ", x: 1, y: y, style: Look.group)
            case .field(let field):
                let focused = field.id == state.focus
                let marker = shape.isRequired(field) ? "*" : " "
                buffer.put(marker, x: 0, y: y, style: Look.problem)
                buffer.put(language.pick(field.label), x: FormColumns.label, y: y, style: focused ? Look.focus : Look.label, maxWidth: FormColumns.labelWidth)
                buffer.fill(Rect(x: FormColumns.input, y: y, width: FormColumns.inputWidth, height: 1), style: Look.input)
                if focused && !isChoice(field) {
                    let shown = state.editor.visible(width: FormColumns.inputWidth)
                    buffer.put(shown.text, x: FormColumns.input, y: y, style: Look.input, maxWidth: FormColumns.inputWidth)
                    cursor = (FormColumns.input + shown.cursorColumn, y)
                } else {
                    let raw = focused ? state.editor.text : (state.values[field.id] ?? "")
                    let value = isChoice(field) && !raw.isEmpty ? "◀ " + displayValue(raw, of: field) + " ▶" : raw
                    let shown = raw.isEmpty && focused && isChoice(field) ? "◀ ▶" : value
                    buffer.put(shown, x: FormColumns.input, y: y, style: focused ? Look.focus : Look.input, maxWidth: FormColumns.inputWidth)
                }
                if let problem = state.problems[field.id] {
                    buffer.put("✗ " + problem, x: FormColumns.note, y: y, style: Look.problem, maxWidth: buffer.width - FormColumns.note)
                } else if focused, state.values[field.id] == nil {
                    buffer.put(text(zh: "例：", en: "e.g. ") + displayValue(field.example, of: field), x: FormColumns.note, y: y, style: Look.hint, maxWidth: buffer.width - FormColumns.note)
                }
            }
        }
        if rows.count > body.height {
            buffer.put("\(min(rows.count, scroll + body.height))/\(rows.count)", x: buffer.width - 8, y: 1, style: Look.dim)
        }
        return cursor
    }

    /// The focused field's whole problem, or its hint: for the line above the keys.
    var focusedFieldMessage: (text: String, isProblem: Bool)? {
        guard screen == .form, let state = form, let id = state.focus, let field = currentBundle?.field(id) else { return nil }
        if let problem = state.problems[id] { return (language.pick(field.label) + ": " + problem, true) }
        if let hint = field.hint { return (language.pick(hint), false) }
        return nil
    }
}
