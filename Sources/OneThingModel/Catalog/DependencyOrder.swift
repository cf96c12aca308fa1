/// Item dependencies (前后置关系): household registration before insurance enrolment and
/// the social security card.
///
/// Every walk here keeps its own stack (an array), never the call stack, so a catalogue
/// with a dependency chain thousands of items deep is checked like a short one; a
/// catalogue from the hub or a file is refused by the checker for its size
/// (`CatalogLimits`), never by a crash.
package enum DependencyOrder {
    /// A dependency cycle among the items, as item codes from start back to start, or nil.
    ///
    /// A depth-first search in the order of `items` and of each item's `dependsOn` (the
    /// first cycle that search meets is the one reported); dependencies on codes that are
    /// not items are passed over (the checker reports them on their own).
    package static func cycle(in items: [ItemDefinition]) -> [String]? {
        let byCode = Dictionary(items.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        var done: Set<String> = []
        /// The current path, and where each code on it stands.
        var path: [String] = []
        var position: [String: Int] = [:]
        /// For each code on the path: its dependencies and the next one to follow.
        var frames: [(dependencies: [String], next: Int)] = []

        func enter(_ code: String) {
            position[code] = path.count
            path.append(code)
            frames.append((byCode[code]?.dependsOn ?? [], 0))
        }

        for root in items where !done.contains(root.code) {
            enter(root.code)
            while let top = frames.indices.last {
                let dependencies = frames[top].dependencies
                var index = frames[top].next
                while index < dependencies.count, byCode[dependencies[index]] == nil { index += 1 }
                guard index < dependencies.count else {
                    frames.removeLast()
                    let code = path.removeLast()
                    position[code] = nil
                    done.insert(code)
                    continue
                }
                frames[top].next = index + 1
                let next = dependencies[index]
                if done.contains(next) { continue }
                if let start = position[next] {
                    return Array(path[start...]) + [next]
                }
                enter(next)
            }
        }
        return nil
    }

    /// The selected items whose dependencies are not selected, with the missing codes.
    package static func missingDependencies(
        of selected: [String], in bundle: BundleDefinition
    ) -> [(item: String, missing: [String])] {
        let chosen = Set(selected)
        let byCode = Dictionary(bundle.items.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        return selected.compactMap { code in
            let missing = (byCode[code]?.dependsOn ?? []).filter { !chosen.contains($0) }
            return missing.isEmpty ? nil : (code, missing)
        }
    }
}
