import OneThingModel
import OneThingStore
import OneThingTerminal

extension KioskApp {
    func handleItems(_ key: Key) {
        guard var state = items else { return }
        let menu = bundleMenu(state.bundle)
        guard !menu.isEmpty else { return }
        switch key {
        case .up: state.cursor = max(0, state.cursor - 1)
        case .down: state.cursor = min(menu.count - 1, state.cursor + 1)
        case .character(" "):
            toggle(menu[state.cursor], in: &state, menu: menu)
        case .escape:
            items = nil
            screen = .menu
            return
        case .enter:
            guard !state.selected.isEmpty else {
                say(zh: "请至少选择一个事项。", en: "Choose at least one item.")
                break
            }
            items = state
            startForm(bundle: state.bundle, items: menu.map(\.code).filter(state.selected.contains))
            return
        default:
            break
        }
        items = state
    }

    /// Selecting an item selects what it depends on (前后置关系); leaving one out leaves out
    /// the items that depend on it. The clerk is told which.
    private func toggle(_ item: ItemDefinition, in state: inout ItemsState, menu: [ItemDefinition]) {
        let names = { (codes: [String]) in
            codes.compactMap { code in menu.first { $0.code == code }.map { self.language.pick($0.names) } }
                .joined(separator: self.language == .zh ? "、" : ", ")
        }
        if state.selected.contains(item.code) {
            var removed = [item.code]
            var changed = true
            while changed {
                changed = false
                for other in menu where state.selected.contains(other.code) && !removed.contains(other.code)
                    && other.dependsOn.contains(where: removed.contains)
                {
                    removed.append(other.code)
                    changed = true
                }
            }
            state.selected.subtract(removed)
            if removed.count > 1 {
                say(zh: "一并取消依赖它的事项：\(names(Array(removed.dropFirst())))", en: "Also left out, as they depend on it: \(names(Array(removed.dropFirst())))")
            }
        } else {
            var added = [item.code]
            var index = 0
            while index < added.count {
                let code = added[index]
                for dependency in menu.first(where: { $0.code == code })?.dependsOn ?? []
                where !added.contains(dependency) && menu.contains(where: { $0.code == dependency }) {
                    added.append(dependency)
                }
                index += 1
            }
            let newlyAdded = added.dropFirst().filter { !state.selected.contains($0) }
            state.selected.formUnion(added)
            if !newlyAdded.isEmpty {
                say(zh: "一并选择它所依赖的事项：\(names(Array(newlyAdded)))", en: "Also chosen, as it depends on them: \(names(Array(newlyAdded)))")
            }
        }
    }
}
