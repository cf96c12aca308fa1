/// Checks a decoded catalogue for everything JSON decoding cannot see: references between
/// departments, regions, bundles, items, fields and situations, and those of each bundle's
/// declarations (system fields, issued documents, duplicate key, prefill); dependency cycles;
/// rule roles; and that every example is a valid value.
package enum CatalogChecker {
    /// A holiday must be a weekday and a worked day a Saturday or Sunday (anything else is a
    /// slip of the date: it would change nothing); no day is both, or listed twice.
    static func checkCalendar(_ calendar: WorkingCalendar, add: (String, String) -> Void) {
        for (index, date) in calendar.holidays.enumerated() where !WorkingCalendar.isWeekday(date) {
            add("workingCalendar.holidays[\(index)]", "\(date) is a Saturday or Sunday; list only holidays that fall on a weekday.")
        }
        for (index, date) in calendar.workdays.enumerated() where WorkingCalendar.isWeekday(date) {
            add("workingCalendar.workdays[\(index)]", "\(date) is a weekday; list only the Saturdays and Sundays worked.")
        }
        for (index, date) in calendar.holidays.enumerated() where calendar.workdays.contains(date) {
            add("workingCalendar.holidays[\(index)]", "\(date) is listed both as a holiday and as a day worked.")
        }
        for (list, dates) in [("holidays", calendar.holidays), ("workdays", calendar.workdays)] {
            for (index, date) in dates.enumerated() where dates[..<index].contains(date) {
                add("workingCalendar.\(list)[\(index)]", "\(date) is listed twice.")
            }
        }
    }

    package static func check(
        _ catalog: Catalog, bundleFile: (String) -> String, today: CivilDate
    ) -> [CatalogProblem] {
        var problems: [CatalogProblem] = []
        let head = CatalogFile.headPath
        func add(_ file: String, _ path: String, _ message: String) {
            problems.append(CatalogProblem(file: file, path: path, message: message))
        }
        if catalog.version.allSatisfy(\.isWhitespace) {
            add(head, "version", "The catalogue version is empty; give it a version such as \"2026.11-1\".")
        }
        for (index, code) in duplicates(catalog.departments.map(\.code)) {
            add(head, "departments[\(index)].code", "The department code \"\(code)\" is used twice.")
        }
        for (index, code) in duplicates(catalog.bundles.map(\.code)) {
            add(bundleFile(code), "code", "The bundle code \"\(code)\" is used by more than one file (\(index)).")
        }
        for (index, code) in duplicates(catalog.regions.map(\.code)) {
            add(head, "regions[\(index)].code", "The region code \"\(code)\" is used twice.")
        }
        if catalog.region(catalog.defaultRegion) == nil {
            add(head, "defaultRegion", "The default region \"\(catalog.defaultRegion)\" is not one of the regions.")
        }
        checkCalendar(catalog.workingCalendar) { add(head, $0, $1) }
        let bundles = Dictionary(catalog.bundles.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        for (r, region) in catalog.regions.enumerated() {
            checkRegion(region, at: "regions[\(r)]", bundles: bundles, add: { add(head, $0, $1) })
        }
        for bundle in catalog.bundles {
            let file = bundleFile(bundle.code)
            BundleChecker(bundle: bundle, catalog: catalog, today: today, add: { add(file, $0, $1) }).check()
        }
        // A record (a delivery) fills one bundle's form: the import checks it against that form.
        var prefilled: [String: String] = [:]
        for bundle in catalog.bundles {
            for (i, mapping) in bundle.prefill.enumerated() {
                if let first = prefilled[mapping.source], first != bundle.code {
                    add(
                        bundleFile(bundle.code), "prefill[\(i)].source",
                        "The bundle \"\(first)\" is already filled from \(mapping.source) records; a record source fills one bundle's form.")
                } else {
                    prefilled[mapping.source] = bundle.code
                }
            }
        }
        return problems
    }

    /// Checks one region's menus; look-ups go through sets and dictionaries, so a long menu
    /// of a large bundle costs about its length.
    private static func checkRegion(
        _ region: Region, at path: String, bundles: [String: BundleDefinition], add: (String, String) -> Void
    ) {
        if region.menus.isEmpty {
            add("\(path).menus", "The region offers no bundle; give it at least one menu.")
        }
        for (bundleCode, items) in region.menus.sorted(by: { $0.key < $1.key }) {
            guard let bundle = bundles[bundleCode] else {
                add("\(path).menus.\(bundleCode)", "There is no bundle \"\(bundleCode)\".")
                continue
            }
            if items.isEmpty {
                add("\(path).menus.\(bundleCode)", "The menu is empty; list the items this region offers.")
            }
            let byCode = Dictionary(bundle.items.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
            let offered = Set(items)
            for (i, item) in items.enumerated() where byCode[item] == nil {
                add("\(path).menus.\(bundleCode)[\(i)]", "The bundle \"\(bundleCode)\" has no item \"\(item)\".")
            }
            for (i, code) in items.enumerated() {
                for dependency in byCode[code]?.dependsOn ?? []
                where byCode[dependency] != nil && !offered.contains(dependency) {
                    add(
                        "\(path).menus.\(bundleCode)[\(i)]",
                        "The item \"\(code)\" depends on \"\(dependency)\", which this region does not offer.")
                }
            }
        }
        if let cutoff = region.schoolCutoff, MonthDay(cutoff) == nil {
            add("\(path).schoolCutoff", "The school cut-off must be a month and day as MM-DD, such as 08-31.")
        }
    }

    static func duplicates(_ values: [String]) -> [(Int, String)] {
        var seen: Set<String> = []
        var out: [(Int, String)] = []
        for (index, value) in values.enumerated() where !seen.insert(value).inserted {
            out.append((index, value))
        }
        return out
    }
}

/// A month and day, `MM-DD`, as used for school cut-off dates.
package struct MonthDay: Sendable, Hashable {
    package var month: Int
    package var day: Int

    package init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ $0.count == 2 }),
            let month = Int(parts[0]), let day = Int(parts[1]),
            CivilDate(year: 2000, month: month, day: day) != nil
        else { return nil }
        self.month = month
        self.day = day
    }

    /// This month and day in `year` (29 February falls back to 28 in common years).
    package func date(in year: Int) -> CivilDate? {
        CivilDate(year: year, month: month, day: day) ?? CivilDate(year: year, month: month, day: day - 1)
    }
}
