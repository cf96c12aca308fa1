/// Item dependencies (前后置关系): household registration before insurance enrolment and
/// the social security card.
public enum DependencyOrder {
    /// A dependency cycle among the items, as item codes from start back to start, or nil.
    public static func cycle(in items: [ItemDefinition]) -> [String]? {
        let byCode = Dictionary(items.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        var state: [String: Bool] = [:]  // false: on the current path, true: done
        var path: [String] = []
        func visit(_ code: String) -> [String]? {
            if let done = state[code] {
                if done { return nil }
                let start = path.firstIndex(of: code) ?? 0
                return Array(path[start...]) + [code]
            }
            state[code] = false
            path.append(code)
            for next in byCode[code]?.dependsOn ?? [] where byCode[next] != nil {
                if let cycle = visit(next) { return cycle }
            }
            path.removeLast()
            state[code] = true
            return nil
        }
        for item in items {
            if let cycle = visit(item.code) { return cycle }
        }
        return nil
    }

    /// The selected items whose dependencies are not selected, with the missing codes.
    public static func missingDependencies(
        of selected: [String], in bundle: BundleDefinition
    ) -> [(item: String, missing: [String])] {
        selected.compactMap { code in
            let missing = (bundle.item(code)?.dependsOn ?? []).filter { !selected.contains($0) }
            return missing.isEmpty ? nil : (code, missing)
        }
    }
}
