import OneThingModel
import OneThingStore
import OneThingTerminal

extension KioskApp {
    var currentBundle: BundleDefinition? { form.flatMap { env.catalog.bundle($0.bundle) } }

    func startForm(bundle: String, items: [String]) {
        form = FormState(bundle: bundle, items: items)
        screen = .form
        focus(visibleFields().first?.id)
        saveDraft()
    }

    /// The values that pass their own field's check, normalised: what decides which fields
    /// are asked (a situation such as "registered under the father's household").
    func shapeValues() -> [String: String] {
        guard let form, let bundle = currentBundle else { return [:] }
        var values: [String: String] = [:]
        for (id, raw) in form.values {
            guard let field = bundle.field(id),
                case .success(let clean) = FieldValueValidator.validate(.text(raw), as: field, now: env.clock.now().civil)
            else { continue }
            values[id] = clean
        }
        return values
    }

    /// The fields the form asks now, in form order (grouped by person in the catalogue).
    func visibleFields() -> [FieldDefinition] {
        guard let form, let bundle = currentBundle else { return [] }
        return FormShape(bundle: bundle, items: form.items, values: shapeValues()).askedFields
    }

    func focus(_ id: String?) {
        guard var state = form else { return }
        state.focus = id
        state.editor = TextField(id.flatMap { state.values[$0] } ?? "")
        form = state
    }

    /// Takes the editor's text into the focused field and checks that field alone (inline
    /// validation as the clerk leaves it); then saves the draft.
    func commitFocused(save: Bool = true) {
        guard var state = form, let id = state.focus, let field = currentBundle?.field(id) else { return }
        let text = state.editor.text.trimmingCharacters(in: .whitespaces)
        if text.isEmpty {
            state.values[id] = nil
            state.problems[id] = nil
        } else {
            state.values[id] = text
            switch FieldValueValidator.validate(.text(text), as: field, now: env.clock.now().civil) {
            case .success: state.problems[id] = nil
            case .failure(let problem): state.problems[id] = problem.message
            }
        }
        form = state
        if save { saveDraft() }
    }

    func saveDraft() {
        guard let state = form, state.amending == nil, let operatorId = signedIn?.id else { return }
        let draft = Draft(
            operatorId: operatorId, bundle: state.bundle, items: state.items, fields: state.values, focus: state.focus,
            deliveryId: state.deliveryId, updatedAt: env.clock.now())
        do {
            try env.store.saveDraft(draft)
        } catch {
            report(error)
        }
    }

    func handleForm(_ key: Key) {
        guard let state = form else { return }
        let fields = visibleFields()
        let index = fields.firstIndex { $0.id == state.focus } ?? 0
        let field = fields.isEmpty ? nil : fields[min(index, fields.count - 1)]
        switch key {
        case .tab, .enter, .down:
            move(to: index + 1)
        case .backTab, .up:
            move(to: index - 1)
        case .pageDown:
            move(to: index + 8)
        case .pageUp:
            move(to: index - 8)
        case .function(10), .control("s"):
            commitFocused()
            submit()
        case .function(4):
            commitFocused()
            openDeliveries()
        case .escape:
            commitFocused()
            form = nil
            screen = .menu
            say(zh: "草稿已保存，下次登录可继续。", en: "The draft is saved; it is offered at the next sign-in.")
        default:
            guard let field else { return }
            if isChoice(field) {
                switch key {
                case .left: cycle(field, forward: false)
                case .right, .character(" "): cycle(field, forward: true)
                default: break
                }
                return
            }
            var editor = state.editor
            if editor.apply(key) {
                form?.editor = editor
            }
        }
    }

    func isChoice(_ field: FieldDefinition) -> Bool {
        field.type == .choice || field.type == .boolean
    }

    /// Left/right (or space) steps through a choice field's options.
    private func cycle(_ field: FieldDefinition, forward: Bool) {
        let values = field.type == .boolean ? ["true", "false"] : (field.options ?? []).map(\.value)
        guard !values.isEmpty, var state = form else { return }
        let current = values.firstIndex(of: state.editor.text)
        let next = current.map { (forward ? $0 + 1 : $0 - 1 + values.count) % values.count } ?? 0
        state.editor = TextField(values[next])
        form = state
        commitFocused()
    }

    /// Leaves the focused field for another; the draft is saved once, with the new focus,
    /// so a resumed draft continues where the clerk was going.
    private func move(to target: Int) {
        commitFocused(save: false)
        let fields = visibleFields()
        if !fields.isEmpty { focus(fields[max(0, min(fields.count - 1, target))].id) }
        saveDraft()
    }

    /// Checks the whole application as `apply` does; problems go beside their fields and the
    /// first one gets the focus, else the review page.
    func submit() {
        guard let state = form, let bundle = currentBundle else { return }
        let asked = Set(visibleFields().map(\.id))
        var inputs: [String: FieldInput] = [:]
        for (id, value) in state.values where asked.contains(id) { inputs[id] = .text(value) }
        // A correction is checked under the catalogue it was filed under and as of its
        // filing, as `onething amend` checks it.
        let filedUnder = state.amendingCatalogVersion.flatMap { version in
            version == env.catalog.version ? env.catalog : (try? env.store.catalog(version: version)) ?? nil
        } ?? env.catalog
        let validator = FormValidator(catalog: filedUnder, region: filedUnder.region(env.region.code) ?? env.region)
        let asOf = (state.amendingFiledAt ?? env.clock.now()).civil
        switch validator.validate(bundle: bundle.code, items: state.items, inputs: inputs, now: asOf) {
        case .success(let application):
            if let mismatch = deliveryMismatch(application.fields) {
                form?.problems = mismatch
                focus(mismatch.keys.sorted().first)
                say(zh: "母亲信息与所选分娩记录不一致。", en: "The mother does not match the delivery record chosen.")
                return
            }
            validated = application
            reviewScroll = 0
            screen = .review
        case .failure(let refused):
            var problems: [String: String] = [:]
            var general: [String] = []
            for problem in refused.problems {
                if let field = problem.field, asked.contains(field) {
                    problems[field] = problems[field] ?? problem.message
                } else {
                    general.append(problem.message)
                }
            }
            form?.problems = problems
            let first = visibleFields().first { problems[$0.id] != nil }
            if let first { focus(first.id) }
            let count = refused.problems.count
            notice = text(zh: "有\(count)处需要修改。", en: "\(count) problem\(count == 1 ? "" : "s") to fix.")
                + (general.first.map { " " + $0 } ?? "")
        }
    }
}
