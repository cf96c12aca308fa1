import Foundation
import OneThingModel
import OneThingWire

/// The journey of one application's items through the departments, without storage: which
/// item can be worked on, and what a decision does to the items that depend on it
/// (前后置关系: the newborn's ID number comes from the household registration first).
struct ItemFlow: Sendable, Hashable {
    var items: [ItemRecord]
    /// The issued fields the application has (an item `needs` them before it can start).
    var issued: Set<String> = []

    /// The most characters a decision's reason may have.
    static let maxReasonLength = 500

    /// The items of a newly accepted application, in the payload's order: `in_progress`
    /// when none of its dependencies is among the selected items (so none is pending),
    /// else `waiting`.
    static func initial(items codes: [String], bundle: BundleDefinition, issued: Set<String> = []) -> [ItemRecord] {
        let selected = Set(codes)
        return codes.enumerated().map { position, code in
            let dependsOn = (bundle.item(code)?.dependsOn ?? []).filter { selected.contains($0) }
            let needs = bundle.item(code)?.needs ?? []
            let ready = dependsOn.isEmpty && needs.allSatisfy(issued.contains)
            return ItemRecord(
                item: code, position: position, state: ready ? .inProgress : .waiting,
                reason: nil, documents: nil, dependsOn: dependsOn, needs: needs)
        }
    }

    /// Records a department's decision on `code` and its consequences for the other items.
    mutating func decide(
        _ code: String, _ decision: Decision, reason rawReason: String?, documents: [String: String]?,
        provinceNo: String
    ) throws(HubError) {
        guard let index = items.firstIndex(where: { $0.item == code }) else {
            throw .noSuchItem(provinceNo: provinceNo, item: code)
        }
        // The limit is on the reason as sent, in code points (the document's maxLength), not
        // on what is left after trimming or on Characters, which may hold several code points.
        if let rawReason, rawReason.unicodeScalars.count > Self.maxReasonLength {
            throw .invalidDecision("The reason is longer than \(Self.maxReasonLength) characters; shorten it.")
        }
        let reason = rawReason?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfEmpty
        try check(items[index], provinceNo: provinceNo)
        try check(decision, reason: reason, documents: documents)
        switch decision {
        case .approve:
            let issued = documents.map { !$0.isEmpty } ?? false
            items[index].state = issued ? .issued : .approved
            items[index].documents = issued ? documents : nil
            items[index].reason = reason
            releaseWaitingItems()
        case .reject:
            items[index].state = .rejected
            items[index].reason = reason
            rejectDependents(of: code)
        case .return:
            items[index].state = .returned
            items[index].reason = reason
        }
    }

    /// A corrected revision from the node arrived, based on hub revision `base`: the items
    /// returned at that revision or before go back to the department. An item returned
    /// after it (the node had not seen the return when it made the revision) stays
    /// returned with its reason, so that the clerk sees it and answers it.
    mutating func reopenReturnedItems(basedOn base: Int) {
        for index in items.indices where items[index].state == .returned && (items[index].returnedAtRevision ?? 0) <= base {
            items[index].state = .inProgress
            items[index].reason = nil
        }
    }

    /// The dependencies of `item` that are not approved (or issued) yet, and the issued
    /// fields it needs that the application does not have yet.
    func openDependencies(of item: ItemRecord) -> [String] {
        item.dependsOn.filter { dependency in
            guard let state = items.first(where: { $0.item == dependency })?.state else { return false }
            return !Self.isDone(state)
        } + item.needs.filter { !issued.contains($0) }
    }

    /// Waiting items that can start now that a field was issued.
    mutating func fieldsIssued(_ fields: Set<String>) {
        issued.formUnion(fields)
        releaseWaitingItems()
    }

    private static func isDone(_ state: ItemState) -> Bool {
        state == .approved || state == .issued
    }

    private func check(_ item: ItemRecord, provinceNo: String) throws(HubError) {
        let why: String
        switch item.state {
        case .inProgress:
            return
        case .waiting:
            let open = openDependencies(of: item)
            why = open.isEmpty ? "waits for another item" : "waits for \(open.joined(separator: ", "))"
        case .pending:
            why = "is not yet at the department"
        case .approved, .issued, .rejected:
            why = "is already decided (\(item.state.rawValue))"
        case .returned:
            why = "was returned for correction and waits for a corrected revision from the node"
        }
        throw .notDecidable(provinceNo: provinceNo, item: item.item, why: why)
    }

    private func check(_ decision: Decision, reason: String?, documents: [String: String]?) throws(HubError) {
        if decision != .approve && reason == nil {
            throw .missingReason(decision: decision.rawValue)
        }
        if decision != .approve, let documents, !documents.isEmpty {
            throw .invalidDecision("Documents are issued only with an approval; leave them out when you \(decision.rawValue).")
        }
        if let documents, documents.keys.contains(where: { $0.isEmpty }) {
            throw .invalidDecision("Every document needs a name (KEY=VALUE with a non-empty KEY).")
        }
    }

    /// Waiting items whose dependencies are all approved or issued can now be worked on.
    private mutating func releaseWaitingItems() {
        for index in items.indices where items[index].state == .waiting {
            if openDependencies(of: items[index]).isEmpty {
                items[index].state = .inProgress
            }
        }
    }

    /// Items that depend (directly or through others) on a rejected item cannot be granted.
    private mutating func rejectDependents(of code: String) {
        var rejected = [code]
        while let dependency = rejected.popLast() {
            for index in items.indices
            where items[index].dependsOn.contains(dependency)
                && [.waiting, .pending, .inProgress].contains(items[index].state)
            {
                items[index].state = .rejected
                items[index].reason = "Not possible because \(dependency), which it depends on, was rejected."
                rejected.append(items[index].item)
            }
        }
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
