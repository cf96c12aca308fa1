import OneThingModel
import OneThingStore
import OneThingTerminal

extension KioskApp {
    func handleSignIn(_ key: Key) {
        switch key {
        case .control("q"), .control("c"):
            wantsToQuit = true
        case .tab, .backTab, .down, .up:
            signIn.onPIN.toggle()
        case .enter:
            if !signIn.onPIN {
                if signIn.operatorId.text.isEmpty {
                    say(zh: "请输入工号。", en: "Type your operator id.")
                } else {
                    signIn.onPIN = true
                }
            } else {
                attemptSignIn()
            }
        default:
            if signIn.onPIN {
                if case .character(let c) = key, !c.isNumber { return }  // PINs are digits
                _ = signIn.pin.apply(key)
            } else {
                _ = signIn.operatorId.apply(key)
            }
        }
    }

    private func attemptSignIn() {
        let id = signIn.operatorId.text.trimmingCharacters(in: .whitespaces)
        let pin = signIn.pin.text
        signIn.pin = TextField()
        guard !id.isEmpty, !pin.isEmpty else {
            say(zh: "请输入工号和PIN。", en: "Type your operator id and PIN.")
            return
        }
        let result: SignInResult
        do {
            result = try env.store.signIn(id: id, pin: pin)
        } catch {
            report(error)
            return
        }
        switch result {
        case .signedIn(let info):
            signedIn = info
            signIn = SignInState()
            if let draft = try? env.store.draft(operatorId: info.id) {
                pendingDraft = draft
                screen = .draftOffer
            } else {
                screen = .menu
            }
        case .refused(let left):
            if let left {
                say(zh: "工号或PIN不正确，还可尝试\(left)次。", en: "Wrong operator id or PIN; \(left) attempts left.")
            } else {
                say(zh: "工号或PIN不正确。", en: "Wrong operator id or PIN.")
            }
        case .locked:
            say(zh: "此工号已锁定，请主管执行 onething operators unlock。", en: "This operator is locked; a supervisor runs `onething operators unlock`.")
        }
    }

    func handleDraftOffer(_ key: Key) {
        guard let draft = pendingDraft, let operatorId = signedIn?.id else {
            screen = .menu
            return
        }
        switch key {
        case .enter, .character("y"), .character("Y"):
            var form = FormState(bundle: draft.bundle, items: draft.items, values: draft.fields)
            form.deliveryId = draft.deliveryId
            self.form = form
            pendingDraft = nil
            screen = .form
            focus(draft.focus ?? visibleFields().first?.id)
        case .character("n"), .character("N"), .delete:
            do {
                try env.store.discardDraft(operatorId: operatorId)
            } catch {
                report(error)
                return
            }
            pendingDraft = nil
            screen = .menu
        case .escape:
            pendingDraft = nil
            screen = .menu  // kept for the next sign-in
        default:
            break
        }
    }

    func handleMenu(_ key: Key) {
        let entries = menuEntries
        switch key {
        case .up: menuCursor = max(0, menuCursor - 1)
        case .down: menuCursor = min(entries.count - 1, menuCursor + 1)
        case .character(let c) where c.wholeNumberValue.map { (1...entries.count).contains($0) } == true:
            menuCursor = (c.wholeNumberValue ?? 1) - 1
            choose(entries[menuCursor])
        case .enter:
            choose(entries[menuCursor])
        case .escape, .control("l"):
            signOut()
        default:
            break
        }
    }

    enum MenuEntry: Hashable {
        case bundle(String)
        case lookup
        case signOut
    }

    var menuEntries: [MenuEntry] {
        env.catalog.bundles.filter { !env.catalog.menu(bundle: $0, region: env.region).isEmpty }.map { .bundle($0.code) }
            + [.lookup, .signOut]
    }

    private func choose(_ entry: MenuEntry) {
        switch entry {
        case .bundle(let code):
            let menu = bundleMenu(code)
            items = ItemsState(bundle: code, selected: Set(menu.map(\.code)))
            screen = .items
        case .lookup:
            lookup = LookupState()
            screen = .lookup
        case .signOut:
            signOut()
        }
    }

    func bundleMenu(_ code: String) -> [ItemDefinition] {
        guard let bundle = env.catalog.bundle(code) else { return [] }
        return env.catalog.menu(bundle: bundle, region: env.region)
    }
}
