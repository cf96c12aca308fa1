package import OneThingModel

/// The reform's figures for a range of days (Asia/Shanghai, inclusive): per item and
/// department, per node, and ratings per bundle; computed from the hub's records
/// (`ReportItem`) and the catalogue's promised days, as of `now`.
package struct ReformReport: Sendable, Hashable, Codable {
    /// The first and last day of the range (nil `from`: since the first application).
    package var from: String?
    package var to: String
    /// The moment "overdue now" is measured at.
    package var asOf: String
    /// How working days are counted.
    package var workingDays = ""
    package var items: [ItemFigures] = []
    package var nodes: [NodeFigures] = []
    package var ratings: [BundleRatings] = []
    /// Applications received before the hub recorded times: counted in no figure that
    /// needs their receipt.
    package var withoutReceipt = 0

    enum CodingKeys: String, CodingKey {
        case from, to, items, nodes, ratings
        case asOf = "as_of", workingDays = "working_days", withoutReceipt = "without_receipt"
    }

    package init(items records: [ReportItem], catalog: Catalog, from: CivilDate?, to: CivilDate, now: Timestamp) {
        self.from = from?.description
        self.to = to.description
        asOf = now.description
        let calendar = catalog.workingCalendar
        workingDays = calendar.isEmpty
            ? "Monday to Friday; the catalogue lists no holidays, so none are deducted"
            : "Monday to Friday, less the catalogue's \(calendar.holidays.count) holiday(s), plus its \(calendar.workdays.count) weekend day(s) worked"
        func inRange(_ moment: Timestamp?) -> Bool {
            guard let date = moment?.civil.date else { return false }
            return (from.map { !(date < $0) } ?? true) && !(to < date)
        }
        var figures: [String: ItemFigures] = [:]
        var durations: [String: [Int]] = [:]
        var nodes: [String: NodeFigures] = [:]
        var bundleRatings: [String: BundleRatings] = [:]
        var rated: Set<String> = []
        var counted: Set<String> = []
        var unknown: Set<String> = []
        let today = now.civil.date
        for record in records {
            let key = record.bundle + "\u{0}" + record.item
            let definition = catalog.bundle(record.bundle)?.item(record.item)
            var item = figures[key] ?? ItemFigures(
                bundle: record.bundle, item: record.item, department: definition?.department ?? "",
                departmentName: definition.flatMap { catalog.department($0.department)?.names.zh } ?? "",
                promisedDays: definition?.promisedDays ?? 0)
            var node = nodes[record.nodeId] ?? NodeFigures(node: record.nodeId)
            if record.receivedAt == nil { unknown.insert(record.provinceNo) }
            if inRange(record.receivedAt) {
                item.received += 1
                item.returns += record.returns
                if counted.insert(record.provinceNo).inserted { node.received += 1 }
                if let rating = record.rating, (1...5).contains(rating), rated.insert(record.provinceNo).inserted {
                    node.ratings[rating - 1] += 1
                    bundleRatings[record.bundle, default: BundleRatings(bundle: record.bundle)].ratings[rating - 1] += 1
                }
            }
            if record.isFinal, inRange(record.decidedAt), let decided = record.decidedAt?.civil.date {
                item.decided += 1
                node.decided += 1
                if record.state == .rejected { item.rejected += 1 } else { item.approved += 1 }
                if let received = record.receivedAt?.civil.date {
                    let days = calendar.workingDays(after: received, through: decided)
                    durations[key, default: []].append(days)
                    if item.promisedDays > 0, days <= item.promisedDays { item.onTime += 1 }
                }
            }
            if !record.isFinal, record.state != .returned, item.promisedDays > 0,
                let received = record.receivedAt?.civil.date, calendar.workingDays(after: received, through: today) > item.promisedDays
            {
                item.overdueNow += 1
                node.overdueNow += 1
            }
            figures[key] = item
            nodes[record.nodeId] = node
        }
        for (key, days) in durations {
            figures[key]?.medianDays = Self.nearestRank(50, of: days)
            figures[key]?.p90Days = Self.nearestRank(90, of: days)
        }
        let order = Dictionary(
            catalog.bundles.flatMap { bundle in bundle.items.map { (bundle.code + "\u{0}" + $0.code) } }.enumerated().map { ($1, $0) },
            uniquingKeysWith: { first, _ in first })
        items = figures.sorted { a, b in
            (order[a.key] ?? Int.max, a.key) < (order[b.key] ?? Int.max, b.key)
        }.map(\.value)
        self.nodes = nodes.values.sorted { $0.node < $1.node }
        ratings = bundleRatings.values.sorted { $0.bundle < $1.bundle }
        withoutReceipt = unknown.count
    }

    /// The `percentile`-th percentile by the nearest-rank method: the smallest value with at
    /// least that share of the values at or below it.
    package static func nearestRank(_ percentile: Int, of values: [Int]) -> Int? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let rank = (percentile * sorted.count + 99) / 100  // ceil(p/100 * n)
        return sorted[max(rank, 1) - 1]
    }
}
