import OneThingModel
import OneThingStore
import OneThingTerminal

extension KioskApp {
    func handleLookup(_ key: Key) {
        switch key {
        case .escape:
            lookup = LookupState()
            screen = .menu
        case .up:
            lookup.cursor = max(0, lookup.cursor - 1)
        case .down:
            lookup.cursor = min(max(0, lookup.results.count - 1), lookup.cursor + 1)
        case .enter:
            // Enter searches; once the results of this query are shown, it opens the chosen one.
            if lookup.searched, lookup.cursor < lookup.results.count {
                openDetail(lookup.results[lookup.cursor].id)
            } else {
                search()
            }
        default:
            var query = lookup.query
            if query.apply(key) {
                lookup.query = query
                lookup.searched = false
            }
        }
    }

    private func search() {
        do {
            lookup.results = try env.store.searchApplications(
                lookup.query.text, keyedBundles: env.catalog.bundlesWithDuplicateKey)
            try env.store.audit(
                "searched", actor: signedIn?.id ?? "kiosk", detail: "\(lookup.results.count) found", at: env.clock.now())
        } catch {
            report(error)
            return
        }
        lookup.cursor = 0
        lookup.searched = true
        if lookup.results.isEmpty {
            say(zh: "未找到。可输入申请编号、受理编号、姓名或身份证号。", en: "Nothing found. Type an application id, province number, name or ID number.")
        }
    }

    private func openDetail(_ id: String) {
        guard lookup.searched else { return }
        do {
            detail = try env.store.application(id: id)
            try env.store.audit("viewed", actor: signedIn?.id ?? "kiosk", applicationId: id, at: env.clock.now())
            screen = .detail
        } catch {
            report(error)
        }
    }

    func handleDetail(_ key: Key) {
        switch key {
        case .escape:
            detail = nil
            screen = .lookup
        case .character("c"), .character("C"):
            startCorrection()
        case .character("k"), .character("K"):
            openConflicts()
        default:
            break
        }
    }

    /// A correction (补正) of a filed application: the same form, filled with what was
    /// filed; the confirmed change becomes its next revision (as `onething amend`).
    private func startCorrection() {
        guard let detail, let bundle = env.catalog.bundle(detail.summary.bundle) else { return }
        var state = FormState(bundle: detail.summary.bundle, items: detail.summary.items.map(\.item))
        state.values = bundle.formFields(detail.fields)
        state.amending = detail.summary.id
        state.amendingFiledAt = detail.summary.filedAt
        state.amendingCatalogVersion = detail.catalogVersion
        form = state
        screen = .form
        let returned = detail.summary.items.first { $0.state == .returned }
        focus(visibleFields().first?.id)
        if let returned {
            say(
                zh: "退回补正：\(returned.reason ?? "")", en: "Returned for correction: \(returned.reason ?? "")")
        }
    }
}
